/**
 * "Suggest reply" on a conversation the agent holds: asks for a grounded draft (POST .../suggestion) and fills
 * the composer with it; shows what it cites, or says there is no grounded draft. Also reads a canned response's
 * quick-reply buttons: a last line "Buttons: Yes | No" becomes buttons under the message.
 */
import { useState } from "preact/hooks";
import type { SuggestionResponse } from "../../schema/assist";
import { LIMITS } from "../../schema/protocol";
import { post } from "./api";

/** A canned response's text without its "Buttons:" line, and the buttons it names. */
export function cannedButtons(body: string): { text: string; quickReplies?: string[] } {
  const m = /\n?^Buttons:\s*(.+)\s*$/im.exec(body);
  if (!m) return { text: body };
  const labels = m[1]
    .split("|")
    .map((l) => l.trim().slice(0, LIMITS.maxQuickReplyChars))
    .filter(Boolean)
    .slice(0, LIMITS.maxQuickReplies);
  return { text: body.replace(m[0], "").trimEnd(), ...(labels.length ? { quickReplies: labels } : {}) };
}

export function SuggestReply({ conversationId, onDraft }: { conversationId: string; onDraft: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SuggestionResponse | null>(null);
  const [error, setError] = useState("");
  const ask = async () => {
    setBusy(true);
    setError("");
    try {
      const s = await post<SuggestionResponse>(`/api/agent/conversations/${conversationId}/suggestion`);
      setLast(s);
      if (s.grounded) onDraft(s.text);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="suggest" aria-live="polite">
      <button type="button" onClick={ask} disabled={busy} data-testid="suggest-reply">
        {busy ? "Drafting…" : "Suggest reply"}
      </button>
      {error ? <span class="muted">{error}</span> : null}
      {last && !last.grounded ? (
        <span class="muted" data-testid="no-draft">
          No grounded draft: the knowledge base does not answer this.
        </span>
      ) : null}
      {last?.grounded ? (
        <span class="muted" data-testid="draft-sources">
          AI draft from {last.citations.map((c) => c.title).join(", ")}: edit before sending.
        </span>
      ) : null}
    </div>
  );
}
