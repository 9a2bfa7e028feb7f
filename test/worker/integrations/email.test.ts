// Transcript and ticket-reply emails through the `send_email` binding as Miniflare simulates it (it
// validates each message and stores it instead of sending). A recording wrapper around the real
// binding lets the tests read what was handed to it.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../schema/protocol";
import type { Env } from "../../../worker/env";
import {
  EmailNotConfiguredError,
  formatTranscript,
  sendTicketReplyEmail,
  sendTranscriptEmail,
  type EmailEnv,
} from "../../../worker/integrations/email";
import { createConversation, worker } from "../helpers/sockets";

const testEnv = env as unknown as EmailEnv & Env;

function recording() {
  const sent: EmailMessageBuilder[] = [];
  const real = testEnv.EMAIL!;
  const EMAIL = { send: (m: EmailMessageBuilder) => (sent.push(m), real.send(m)) } as unknown as SendEmail;
  return { env: { ...testEnv, EMAIL } as EmailEnv, sent };
}

const entry = (
  seq: number,
  kind: TranscriptEntry["kind"],
  role: string,
  text: string,
  name?: string,
): TranscriptEntry =>
  ({ seq, id: `e${seq}`, kind, author: { role, name }, text, at: Date.UTC(2026, 10, 24, 9, seq) }) as TranscriptEntry;

describe("send_email (Miniflare simulation)", () => {
  it("the local binding accepts a transcript email and returns a message id", async () => {
    const { env: e, sent } = recording();
    const res = await sendTranscriptEmail(e, "dana@example.com", "Your transcript\r\nBcc: evil@example.com", "hello");
    expect(res.messageId).toMatch(/@/);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "dana@example.com", text: "hello" });
    expect(sent[0].subject).toBe("Your transcript Bcc: evil@example.com"); // No header injection.
  });

  it("emails a ticket reply with the ticket reference", async () => {
    const { env: e, sent } = recording();
    await sendTicketReplyEmail(e, {
      to: "sam@example.com",
      ticketId: "8c0d2f1e-aaaa-bbbb-cccc-000000000000",
      ticketSubject: "Refund for BB-1234",
      agentName: "Ana",
      body: "We refunded it today.",
    });
    expect(sent[0].subject).toBe("Re: Refund for BB-1234 [8c0d2f1e]");
    expect(sent[0].text).toContain("Ana replied");
    expect(sent[0].text).toContain("We refunded it today.");
    expect(sent[0].headers).toEqual({ "X-Handoff-Ticket": "8c0d2f1e-aaaa-bbbb-cccc-000000000000" });
  });

  it("refuses to pretend when no binding is configured", async () => {
    await expect(
      sendTranscriptEmail({ ...testEnv, EMAIL: undefined } as EmailEnv, "a@example.com", "s", "t"),
    ).rejects.toBeInstanceOf(EmailNotConfiguredError);
  });

  it("formats the customer's view: no internal notes, names, UTC times", () => {
    const text = formatTranscript([
      entry(1, "message", "customer", "Where is my order?"),
      entry(2, "message", "ai", "Let me check."),
      entry(3, "note", "agent", "VIP customer", "Ana"),
      entry(4, "message", "agent", "It ships today.", "Ana"),
    ]);
    expect(text).toBe(
      "[24 Nov 2026, 09:01] You: Where is my order?\n\n[24 Nov 2026, 09:02] Assistant: Let me check.\n\n[24 Nov 2026, 09:04] Ana: It ships today.",
    );
    expect(text).not.toContain("VIP");
  });
});

describe("POST /api/conversations/:id/transcript-email", () => {
  const post = (id: string, opts: { token?: string; body?: unknown; ip?: string } = {}) =>
    worker().fetch(`http://localhost/api/conversations/${id}/transcript-email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.ip ? { "CF-Connecting-IP": opts.ip } : {}),
      },
      body: JSON.stringify(opts.body ?? {}),
    });

  it("needs this conversation's token", async () => {
    const a = await createConversation({ customer: { email: "a@example.com" } });
    const b = await createConversation();
    expect((await post(a.conversationId)).status).toBe(401);
    expect((await post(a.conversationId, { token: "nope.nope" })).status).toBe(401);
    expect((await post(a.conversationId, { token: b.token })).status).toBe(403);
  });

  it("sends to the customer's known address, at most once a minute per conversation", async () => {
    const a = await createConversation({ customer: { email: "known@example.com", name: "Kim" } });
    const res = await post(a.conversationId, { token: a.token });
    expect(res.status, await res.clone().text()).toBe(202);
    expect(((await res.json()) as { sent: boolean; messageId: string }).messageId).toMatch(/@/);
    const again = await post(a.conversationId, { token: a.token });
    expect(again.status).toBe(429);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(Number(again.headers.get("Retry-After"))).toBeGreaterThan(0);

    const b = await createConversation();
    const unknown = await post(b.conversationId, { token: b.token }); // No address known.
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("no_contact_address");
  });

  it("never sends to an address named in the request (no open relay)", async () => {
    const known = await createConversation({ customer: { email: "owner@example.com" } });
    const anonymous = await createConversation();
    for (const c of [known, anonymous]) {
      const res = await post(c.conversationId, { token: c.token, body: { email: "victim@example.net" } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
    // The refused attempts sent nothing, so the owner's own transcript is not throttled.
    expect((await post(known.conversationId, { token: known.token })).status).toBe(202);
  });

  it("limits transcript emails per IP, across conversations (shared Rate Limiting binding)", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) {
      const c = await createConversation({ customer: { email: `flood${n}@example.com` } });
      statuses.push((await post(c.conversationId, { token: c.token, ip })).status);
    }
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(5);
    expect(statuses.slice(-1)).toEqual([429]);
    // Another IP is not affected.
    const other = await createConversation({ customer: { email: "elsewhere@example.com" } });
    expect((await post(other.conversationId, { token: other.token, ip: "192.0.2.200" })).status).toBe(202);
  });
});
