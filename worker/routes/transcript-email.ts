/**
 * POST /api/conversations/:id/transcript-email  (no body, or {})  -> 202 { sent: true, messageId }
 *
 * The customer asks for their transcript by email. Authenticated with the customer token of that very
 * conversation (`Authorization: Bearer <token>` or `?token=`), like the customer socket.
 *
 * The recipient is only ever the conversation's own contact address, read from the conversation object's
 * record: the email the customer gave when the conversation was created or in `identify`, else the one
 * from the offline contact form. A body naming a recipient is refused (400 `bad_request`), so the route
 * cannot relay text to a third party. Limits, shared across isolates (worker/http/rate-limit.ts): per IP,
 * per site, and one email a minute per conversation; 429 `rate_limited` with Retry-After.
 */
import { Hono } from "hono";
import { withAttachmentLinks } from "../attachments/transcript-links";
import * as v from "valibot";
import { conversationStub, transcriptOf } from "../conversation/stub";
import { type CustomerHonoEnv, requireCustomerToken } from "../http/customer-token";
import { apiError } from "../http/errors";
import { jsonBody, MAX_CUSTOMER_JSON_BYTES } from "../http/json-body";
import { clientIp, enforceLimits } from "../http/rate-limit";
import { formatTranscript, isEmailConfigured, sendTranscriptEmail } from "../integrations/email";

/** No fields: a body naming a recipient is refused. */
const TranscriptEmailBody = v.optional(
  v.strictObject({}, "the transcript goes to the conversation's own contact address; the body names no recipient"),
  {},
);

export const transcriptEmailRoutes = new Hono<CustomerHonoEnv>();

transcriptEmailRoutes.post(
  "/:id/transcript-email",
  requireCustomerToken(),
  jsonBody(TranscriptEmailBody, { maxBytes: MAX_CUSTOMER_JSON_BYTES }),
  async (c) => {
    const id = c.var.customer.cid;
    if (!isEmailConfigured(c.env)) return apiError(c, 503, "unavailable", "Email is not set up on this deployment.");
    const record = await conversationStub(c.env, id).getRecord();
    if (!record) return apiError(c, 404, "not_found", "unknown conversation");
    const to = record.customer.email ?? record.contact?.email;
    if (!to) return apiError(c, 400, "no_contact_address", "This conversation has no contact address to send it to.");
    const ip = clientIp(c);
    await enforceLimits(
      c,
      [
        { binding: c.env.RL_EMAILS_PER_CONVERSATION, key: id, periodSeconds: 60 },
        ip ? { binding: c.env.RL_EMAILS_PER_IP, key: ip, periodSeconds: 60 } : undefined,
        { binding: c.env.RL_EMAILS_PER_SITE, key: record.site, periodSeconds: 60 },
      ],
      "Too many transcript emails; try again in a minute.",
    );
    // Attachments go as signed links, never as bytes.
    const entries = await transcriptOf(c.env, id, "customer");
    const transcript = await withAttachmentLinks(c.env, new URL(c.req.url).origin, id, entries);
    const text = `Here is the transcript of your conversation with our support team.\n\n${formatTranscript(transcript)}\n`;
    const { messageId } = await sendTranscriptEmail(c.env, to, "Your support conversation transcript", text);
    return c.json({ sent: true, messageId }, 202);
  },
);
