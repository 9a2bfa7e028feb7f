/**
 * widget-attach.js, the lazy part with everything about files but the panel's paperclip, paste and drop
 * hooks: each picked file's upload (XMLHttpRequest, for its upload progress) with a progress bar, Cancel,
 * and Retry after a failure; the message that references the finished upload goes through the session's
 * outbox, so a reload or a dropped socket resends it with its client id, exactly once. Files in the
 * transcript: thumbnails of raster images (signed links from the list route, since an <img> cannot send
 * the token) that open full size, and a card (name, type, size) for anything else. Never HTML or SVG
 * inline: only the raster types the server serves inline are shown as images.
 */
import { useEffect, useState } from "preact/hooks";
import { type AttachmentRef, formatBytes, isInlineImage, type UploadedAttachment } from "../../../schema/attachments";
import { PART_GLOBAL, type PartFactory } from "../bridge";
import type { Session } from "../core/session";
import { attachStrings as t } from "../strings";
import { setKit } from "./kit";

const CSS =
  ".up{display:flex;flex-direction:column;gap:4px;font-size:13px}" +
  ".up progress{width:100%}" +
  ".fs{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}" +
  ".th{padding:0;border:1px solid #d6d9dc;border-radius:8px;background:#fff;cursor:zoom-in}" +
  ".th img{display:block;max-width:160px;max-height:120px;border-radius:8px}" +
  ".fc{display:flex;flex-direction:column;border:1px solid #d6d9dc;border-radius:8px;padding:6px 8px;background:#fff;color:inherit;font-size:13px;word-break:break-all}" +
  ".full{position:absolute;inset:0;background:rgba(0,0,0,.85);display:flex;flex-direction:column;align-items:center;justify-content:center;gap:8px;z-index:9}" +
  ".full img{max-width:96%;max-height:85%}";

/** Signed links by attachment id: from upload answers and the list route (each valid for an hour). */
const links = new Map<string, string>();
let listing: Promise<void> | null = null;

/** Asks the list route for fresh signed links, one request at a time. */
function refreshLinks(session: Session): Promise<void> {
  const url = session.link("/attachments");
  if (!url) return Promise.resolve();
  listing ??= fetch(url)
    .then((res) => (res.ok ? res.json() : { attachments: [] }))
    .then((body: { attachments: UploadedAttachment[] }) => {
      for (const a of body.attachments) links.set(a.id, a.url);
    })
    .catch(() => undefined)
    .finally(() => {
      listing = null;
    });
  return listing;
}

/** The conversation's attachment URL, once there is a conversation (sending a file may be the first thing). */
async function uploadUrl(session: Session, name: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const url = session.link("/attachments");
    if (url) return `${url}&name=${encodeURIComponent(name)}`;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(t.network);
}

type UploadState = { progress: number; error?: string };

/** One picked file: uploads it on mount, then sends the message that references it and calls done. */
function Upload({ file, session, done }: { file: File; session: Session; done: (file: File) => void }) {
  const [state, setState] = useState<UploadState>({ progress: 0 });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const xhr = new XMLHttpRequest();
    let cancelled = false;
    const fail = (error: string) => !cancelled && setState({ progress: 0, error });
    uploadUrl(session, file.name).then(
      (url) => {
        if (cancelled) return;
        xhr.open("POST", url);
        xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
        xhr.upload.onprogress = (e) => e.lengthComputable && setState({ progress: e.loaded / e.total });
        xhr.onerror = () => fail(t.network);
        xhr.onload = () => {
          let body: { attachment?: UploadedAttachment; error?: { message?: string } } = {};
          try {
            body = JSON.parse(xhr.responseText);
          } catch {}
          const a = body.attachment;
          if (xhr.status !== 201 || !a) return fail(body.error?.message ?? `HTTP ${xhr.status}`);
          links.set(a.id, a.url);
          session.send("", [{ id: a.id, name: a.name, type: a.type, size: a.size }]);
          done(file);
        };
        xhr.send(file);
      },
      (e: Error) => fail(e.message),
    );
    return () => {
      cancelled = true;
      xhr.abort();
    };
  }, [attempt]);
  return (
    <div class="card up" role={state.error ? "alert" : "status"}>
      {state.error ? (
        <p>{t.failed(file.name, state.error)}</p>
      ) : (
        <>
          <span>{t.uploading(file.name)}</span>
          <progress max={1} value={state.progress} />
        </>
      )}
      <div class="row">
        {state.error && (
          <button class="btn" onClick={() => (setState({ progress: 0 }), setAttempt(attempt + 1))}>
            {t.retry}
          </button>
        )}
        <button class="btn2" onClick={() => done(file)}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}

function Uploads({ files, session, done }: { files: File[]; session: Session; done: (file: File) => void }) {
  return (
    <>
      {files.map((file) => (
        <Upload file={file} session={session} done={done} />
      ))}
    </>
  );
}

/** The files a message carries: a thumbnail that opens full size for raster images, else a card. */
function Files({ refs, session }: { refs: AttachmentRef[]; session: Session }) {
  const [full, setFull] = useState<AttachmentRef | null>(null);
  const [, setTick] = useState(0);
  const missing = refs.some((f) => !links.has(f.id));
  useEffect(() => {
    if (missing) refreshLinks(session).then(() => setTick((n) => n + 1));
  }, [missing]);
  const big = full && links.get(full.id);
  return (
    <div class="fs">
      {refs.map((f) => {
        const url = links.get(f.id);
        if (isInlineImage(f.type))
          return (
            <button class="th" aria-label={t.open(f.name)} onClick={() => setFull(f)}>
              {url ? <img src={url} alt={f.name} /> : f.name}
            </button>
          );
        return (
          <a
            class="fc"
            href={url}
            download={f.name}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t.download(f.name)}
          >
            <strong>{f.name}</strong>
            <span>
              {f.type} · {formatBytes(f.size)}
            </span>
          </a>
        );
      })}
      {big && (
        <div class="full" role="dialog" aria-label={full.name}>
          <img src={big} alt={full.name} />
          <button class="btn2" onClick={() => setFull(null)}>
            {t.closeImage}
          </button>
        </div>
      )}
    </div>
  );
}

const attach = { css: CSS, Uploads, Files };
export type AttachPart = typeof attach;

const factory: PartFactory<AttachPart> = (kit) => {
  setKit(kit);
  return attach;
};
(window as unknown as Record<string, unknown>)[`${PART_GLOBAL}attach`] = factory;
