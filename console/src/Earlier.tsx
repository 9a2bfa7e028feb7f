/**
 * The customer's other conversations, in the context panel: the agent sees what was already discussed
 * without asking. Matches by email are marked, because anyone can type any email.
 */
import type { EarlierView } from "../../schema/api";
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { dateTime, firstLine } from "./format";
import { openConversation } from "./state/conversations";

type Earlier = EarlierView;

export function EarlierConversations({ conversationId }: { conversationId: string }) {
  const [list, setList] = useState<Earlier[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setList(null);
    setFailed(false);
    api<{ conversations: Earlier[] }>(`/api/agent/conversations/${conversationId}/earlier`).then(
      (r) => setList(r.conversations),
      () => setFailed(true),
    );
  }, [conversationId]);
  return (
    <section aria-label="Earlier conversations">
      <h3>Earlier conversations</h3>
      {failed ? (
        <p class="muted">Could not load them.</p>
      ) : !list ? (
        <p class="muted">Loading…</p>
      ) : !list.length ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="earlier">
          {list.map((e) => (
            <li key={e.id}>
              <button class="link" onClick={() => openConversation(e.id)}>
                {dateTime(e.updatedAt)} · {e.status}
              </button>
              {e.match === "email" ? <span class="badge"> same email, not verified</span> : null}
              <div class="muted">{firstLine(e.summary) || firstLine(e.preview) || "No messages."}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
