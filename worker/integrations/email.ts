/**
 * Outgoing email through Cloudflare Email Workers' `send_email` binding (`[[send_email]] name = "EMAIL"`
 * in wrangler.toml). Miniflare simulates the binding locally (wrangler dev and the tests): it validates
 * the message and writes it to a temp file instead of sending it. Domain setup: docs/email.md.
 *
 * The binding takes a message builder ({ from, to, subject, text }), so no MIME library is needed.
 * Emails are plain text on purpose: transcripts are customer and agent text, never HTML.
 */
import type { TranscriptEntry } from "../../schema/protocol";
import type { Env } from "../env";

/** What sending needs: the binding (absent when Email Routing is not set up) and the sender. */
export type EmailEnv = Pick<Env, "EMAIL" | "EMAIL_FROM">;

/** Local default sender (wrangler dev / tests); production sets EMAIL_FROM. */
const LOCAL_FROM = "Handoff support <support@handoff.localhost>";

export class EmailNotConfiguredError extends Error {
  constructor() {
    super("Email is not configured: add a [[send_email]] binding named EMAIL (docs/email.md)");
    this.name = "EmailNotConfiguredError";
  }
}

export function isEmailConfigured(env: EmailEnv): boolean {
  return Boolean(env.EMAIL);
}

/** Header values must not carry line breaks (header injection) and stay short. */
function headerSafe(text: string, max = 200): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .trim()
    .slice(0, max);
}

async function send(
  env: EmailEnv,
  to: string,
  subject: string,
  text: string,
  headers?: Record<string, string>,
): Promise<{ messageId: string }> {
  if (!env.EMAIL) throw new EmailNotConfiguredError();
  const result = await env.EMAIL.send({
    from: env.EMAIL_FROM ?? LOCAL_FROM,
    to,
    subject: headerSafe(subject),
    text,
    headers,
  });
  return { messageId: result.messageId };
}

/** Sends a conversation transcript (already formatted as text, see formatTranscript). */
export function sendTranscriptEmail(
  env: EmailEnv,
  to: string,
  subject: string,
  text: string,
): Promise<{ messageId: string }> {
  return send(env, to, subject, text);
}

/** Emails an agent's reply to an offline ticket, with the ticket id in the subject for the thread. */
export function sendTicketReplyEmail(
  env: EmailEnv,
  reply: { to: string; ticketId: string; ticketSubject: string; agentName: string; body: string },
): Promise<{ messageId: string }> {
  const text = [
    `${reply.agentName} replied to your request "${headerSafe(reply.ticketSubject, 120)}":`,
    "",
    reply.body,
    "",
    `Reference: ${reply.ticketId}`,
    "You can also continue the conversation in the chat on our website.",
  ].join("\n");
  return send(env, reply.to, `Re: ${reply.ticketSubject} [${reply.ticketId.slice(0, 8)}]`, text, {
    "X-Handoff-Ticket": headerSafe(reply.ticketId, 64),
  });
}

/** The customer's view of a transcript as plain text: one block per entry, oldest first. */
export function formatTranscript(entries: TranscriptEntry[], opts: { timeZone?: string } = {}): string {
  const fmt = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: opts.timeZone ?? "UTC",
  });
  return entries
    .filter((e) => e.kind !== "note")
    .map((e) => {
      const who =
        e.kind === "system"
          ? "—"
          : e.author.role === "customer"
            ? "You"
            : (e.author.name ?? (e.author.role === "ai" ? "Assistant" : "Agent"));
      return `[${fmt.format(new Date(e.at))}] ${who}: ${e.text}`;
    })
    .join("\n\n");
}
