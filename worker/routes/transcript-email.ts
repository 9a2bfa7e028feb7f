/**
 * POST /api/conversations/:id/transcript-email  { email? }  -> 202 { sent: true, messageId }
 *
 * The customer asks for their transcript by email. Authenticated with the customer token of that very
 * conversation (`Authorization: Bearer <token>` or `?token=`), like the customer socket. The address is
 * the one given, else the one the customer already gave (identify or the offline form). One email per
 * conversation per minute, so a token cannot be used to flood an inbox.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { conversationStub, transcriptOf } from "../conversation/stub";
import { type CustomerHonoEnv, requireCustomerToken } from "../http/customer-token";
import { apiError } from "../http/errors";
import { jsonBody, MAX_CUSTOMER_JSON_BYTES } from "../http/json-body";
import { formatTranscript, isEmailConfigured, sendTranscriptEmail } from "../integrations/email";

export const TranscriptEmailBody = v.optional(
  v.object({ email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(254), v.email("email is not valid"))) }),
  {},
);

const MIN_INTERVAL_MS = 60_000;
// Per isolate only: a best-effort brake, not a guarantee (the object would be the place for a strict one).
const lastSent = new Map<string, number>();

export const transcriptEmailRoutes = new Hono<CustomerHonoEnv>();

transcriptEmailRoutes.post(
  "/:id/transcript-email",
  requireCustomerToken(),
  jsonBody(TranscriptEmailBody, { maxBytes: MAX_CUSTOMER_JSON_BYTES }),
  async (c) => {
    const id = c.var.customer.cid;
    const body = c.req.valid("json");
    if (!isEmailConfigured(c.env)) return apiError(c, 503, "unavailable", "Email is not set up on this deployment.");
    const stub = conversationStub(c.env, id);
    const record = await stub.getRecord();
    if (!record) return apiError(c, 404, "not_found", "unknown conversation");
    const to = body.email ?? record.customer.email ?? record.contact?.email;
    if (!to) return apiError(c, 400, "bad_request", "email: give an address to send the transcript to");
    const now = Date.now();
    if (now - (lastSent.get(id) ?? 0) < MIN_INTERVAL_MS)
      return apiError(c, 429, "rate_limited", "A transcript was just sent; try again in a minute.");
    lastSent.set(id, now);
    const transcript = await transcriptOf(c.env, id, "customer");
    const text = `Here is the transcript of your conversation with our support team.\n\n${formatTranscript(transcript)}\n`;
    const { messageId } = await sendTranscriptEmail(c.env, to, "Your support conversation transcript", text);
    return c.json({ sent: true, messageId }, 202);
  },
);
