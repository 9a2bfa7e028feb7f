/** One transcript entry in the console: who and when, the text (never HTML), its translation, files and sources. */
import type { Citation, TranscriptEntry } from "../../schema/protocol";
import { entryAttachments } from "../../schema/attachments";
import { AttachmentList } from "./Attachments";
import { time } from "./format";
import { EntryTranslation } from "./Translation";

export function Entry({ e, conversationId }: { e: TranscriptEntry; conversationId: string }) {
  const role = e.kind === "note" ? "note" : e.kind === "system" ? "system" : e.author.role;
  const who =
    e.kind === "note"
      ? `Internal note · ${e.author.name ?? "agent"}`
      : e.author.role === "ai"
        ? "AI assistant"
        : e.author.role === "customer"
          ? (e.author.name ?? "Customer")
          : e.author.role === "agent"
            ? (e.author.name ?? "Agent")
            : "System";
  if (e.kind === "system") {
    const note = e.internal?.note as string | undefined;
    return (
      <li class="entry system" data-seq={e.seq} data-event={e.event}>
        <span class="sys-text">{e.text}</span> <time>{time(e.at)}</time>
        {note ? <div class="sys-note">Note: {note}</div> : null}
      </li>
    );
  }
  const citations = (e.meta?.citations as Citation[] | undefined) ?? [];
  const confidence = e.meta?.confidence as number | undefined;
  return (
    <li class={`entry ${role}`} data-seq={e.seq} data-role={role}>
      <div class="meta">
        <strong>{who}</strong> <time dateTime={new Date(e.at).toISOString()}>{time(e.at)}</time>
        {typeof confidence === "number" ? (
          <span class={`conf-badge ${confidence < 0.35 ? "low" : ""}`}>confidence {confidence.toFixed(2)}</span>
        ) : null}
      </div>
      {e.text ? <div class="text">{e.text}</div> : null}
      <EntryTranslation e={e} />
      <AttachmentList conversationId={conversationId} files={entryAttachments(e.meta)} />
      {citations.length ? (
        <div class="cites">
          Sources:{" "}
          {citations.map((c, i) => (
            <span key={c.id}>
              {i ? ", " : ""}
              {c.url && /^https?:\/\//.test(c.url) ? (
                <a href={c.url} target="_blank" rel="noopener noreferrer">
                  {c.title}
                </a>
              ) : (
                c.title
              )}
            </span>
          ))}
        </div>
      ) : null}
    </li>
  );
}
