/**
 * The live queue, grouped by team; updated from the lobby socket. Each team lists escalated conversations
 * first, then those in the agent's languages (schema/queue-order.ts).
 */
import { useEffect, useState } from "preact/hooks";
import { firstLine, sentimentInfo, triggerLabel, waited } from "./format";
import { agentSpeaks, LanguageBadge } from "./Language";
import { speakerQueueOrder } from "../../schema/queue-order";
import type { ConversationRow } from "../../schema/api";
import { openConversation } from "./state/conversations";
import { lobby } from "./state/lobby";

export function QueueView() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);
  const groups = new Map<string, ConversationRow[]>();
  for (const row of speakerQueueOrder(lobby.queue, agentSpeaks)) {
    const team = row.team ?? "unassigned";
    groups.set(team, [...(groups.get(team) ?? []), row]);
  }
  return (
    <section class="queue" aria-labelledby="queue-h">
      <h2 id="queue-h">
        Queue <span class="count">{lobby.queue.length}</span>
      </h2>
      {lobby.status !== "live" ? (
        <p class="warn">Live updates {lobby.status === "connecting" ? "connecting…" : "disconnected, reconnecting…"}</p>
      ) : null}
      {lobby.queueLoaded && lobby.queue.length === 0 ? <p class="muted">Nobody is waiting.</p> : null}
      {[...groups].map(([team, rows]) => (
        <section class="team" key={team} aria-label={`Team ${team}`}>
          <h3>
            {team} <span class="count">{rows.length}</span>
          </h3>
          <ul class="cards">
            {rows.map((r) => {
              const s = sentimentInfo(r.sentiment);
              return (
                <li key={r.id}>
                  <button
                    class={`card ${r.escalatedAt ? "escalated" : ""}`}
                    data-id={r.id}
                    onClick={() => openConversation(r.id)}
                  >
                    <span class="card-top">
                      <span class="badge trigger">{triggerLabel(r.trigger)}</span>
                      <LanguageBadge language={r.language} />
                      <span class={`senti ${s.cls}`} title={s.label}>
                        <span class="dot" aria-hidden="true" />
                        <span class="sr-only">{s.label}</span>
                      </span>
                      <span class="wait" title="Waiting time">
                        waiting {waited(r.queuedAt ?? r.updatedAt, now)}
                      </span>
                      {r.escalatedAt ? <span class="badge esc">SLA escalated</span> : null}
                    </span>
                    <span class="who">
                      <strong>{r.customerName || "Anonymous customer"}</strong>{" "}
                      <span class="muted">{r.customerEmail ?? ""}</span>
                    </span>
                    <span class="summary">
                      {firstLine(r.summary) || firstLine(r.lastMessagePreview) || "No summary"}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
