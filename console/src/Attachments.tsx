/**
 * Attachments in the console: thumbnails for the raster images a browser renders, a card (name, type,
 * size) for everything else, both linking to the agent download route (same origin, the session cookie
 * opens it). An SVG or HTML file is never shown inline: the server stores no such type, and serves every
 * non-raster file as a download anyway.
 */
import { agentAttachmentPath, type AttachmentRef, formatBytes, isInlineImage } from "../../schema/attachments";

export function AttachmentList({ conversationId, files }: { conversationId: string; files: AttachmentRef[] }) {
  if (files.length === 0) return null;
  return (
    <ul class="attachments" aria-label="Attachments">
      {files.map((f) => (
        <li key={f.id}>
          <AttachmentItem conversationId={conversationId} file={f} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentItem({ conversationId, file }: { conversationId: string; file: AttachmentRef }) {
  const href = agentAttachmentPath(conversationId, file.id);
  if (isInlineImage(file.type))
    return (
      <a class="att-thumb" href={href} target="_blank" rel="noopener noreferrer" title={`${file.name}, open full size`}>
        <img src={href} alt={file.name} loading="lazy" />
      </a>
    );
  return (
    <a class="att-card" href={href} download={file.name} data-type={file.type}>
      <strong>{file.name}</strong>
      <span class="muted">
        {file.type} · {formatBytes(file.size)}
      </span>
    </a>
  );
}

/** The files picked for the next reply, each with a remove button, or the upload in progress. */
export function PendingAttachments({
  files,
  uploading,
  onRemove,
}: {
  files: AttachmentRef[];
  uploading: string | null;
  onRemove: (id: string) => void;
}) {
  if (files.length === 0 && !uploading) return null;
  return (
    <ul class="attachments pending-files" aria-label="Files to send">
      {files.map((f) => (
        <li key={f.id} class="att-card">
          <strong>{f.name}</strong> <span class="muted">{formatBytes(f.size)}</span>{" "}
          <button type="button" class="link" onClick={() => onRemove(f.id)} aria-label={`Remove ${f.name}`}>
            Remove
          </button>
        </li>
      ))}
      {uploading ? <li class="att-card muted">Uploading {uploading}…</li> : null}
    </ul>
  );
}
