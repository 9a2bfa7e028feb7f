/**
 * widget-attach.js, the lazy part with everything about files but the panel's paperclip, paste and drop
 * hooks: each picked file's upload (XMLHttpRequest, for its upload progress) with a progress bar, Cancel,
 * and Retry after a failure; the message that references the finished upload goes through the session's
 * outbox, so a reload or a dropped socket resends it with its client id, exactly once. Files in the
 * transcript: thumbnails of raster images (signed links from the list route, since an <img> cannot send
 * the token) that open full size, and a card (name, type, size) for anything else. Never HTML or SVG
 * inline: only the raster types the server serves inline are shown as images.
 */
import { Component } from "preact";
import { type AttachmentRef, formatBytes, isInlineImage, type UploadedAttachment } from "../../../schema/attachments";
import { PART_GLOBAL } from "../bridge";
import type { Session } from "../core/session";
import { attachStrings as t } from "../strings";
import { strings } from "./kit";

// The chosen locale's strings, when it is not English (the panel hands them over with its Preact).
Object.assign(t, strings?.attach);

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

interface UploadProps {
  file: File;
  session: Session;
  done: (file: File) => void;
}

/** One picked file: uploads it on mount, then sends the message that references it and calls done. */
class Upload extends Component<UploadProps, { progress: number; error?: string }> {
  state = { progress: 0 } as { progress: number; error?: string };
  private xhr: XMLHttpRequest | null = null;

  componentDidMount() {
    this.start();
  }

  componentWillUnmount() {
    this.xhr?.abort();
    this.xhr = null;
  }

  private start() {
    const { file, session, done } = this.props;
    const xhr = new XMLHttpRequest();
    this.xhr = xhr;
    const fail = (error: string) => this.xhr === xhr && this.setState({ progress: 0, error });
    this.setState({ progress: 0, error: undefined });
    uploadUrl(session, file.name).then(
      (url) => {
        if (this.xhr !== xhr) return;
        xhr.open("POST", url);
        xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
        xhr.upload.onprogress = (e) => e.lengthComputable && this.setState({ progress: e.loaded / e.total });
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
  }

  render() {
    const { file, done } = this.props;
    const { progress, error } = this.state;
    return (
      <div class="card up" role={error ? "alert" : "status"}>
        {error ? (
          <p>{t.failed(file.name, error)}</p>
        ) : (
          <>
            <span>{t.uploading(file.name)}</span>
            <progress max={1} value={progress} />
          </>
        )}
        <div class="row">
          {error && (
            <button type="button" class="btn" onClick={() => this.start()}>
              {t.retry}
            </button>
          )}
          <button type="button" class="btn2" onClick={() => done(file)}>
            {t.cancel}
          </button>
        </div>
      </div>
    );
  }
}

/** A stable key per picked file, so removing one keeps every other upload's component (and request). */
const keys = new WeakMap<File, number>();
let nextKey = 0;

function Uploads({ files, session, done }: { files: File[]; session: Session; done: (file: File) => void }) {
  return (
    <>
      {files.map((file) => {
        if (!keys.has(file)) keys.set(file, nextKey++);
        return <Upload key={keys.get(file)} file={file} session={session} done={done} />;
      })}
    </>
  );
}

/** The files a message carries: a thumbnail that opens full size for raster images, else a card. */
class Files extends Component<{ refs: AttachmentRef[]; session: Session }, { full: AttachmentRef | null }> {
  state = { full: null as AttachmentRef | null };
  /** Ids already asked for: a file the list does not know is not asked for again on every render. */
  private asked = new Set<string>();

  componentDidMount() {
    this.fetchLinks();
  }

  componentDidUpdate() {
    this.fetchLinks();
  }

  private fetchLinks() {
    const missing = this.props.refs.filter((f) => !links.has(f.id) && !this.asked.has(f.id));
    if (!missing.length) return;
    for (const f of missing) this.asked.add(f.id);
    refreshLinks(this.props.session).then(() => this.forceUpdate());
  }

  render() {
    const { refs } = this.props;
    const { full } = this.state;
    const big = full && links.get(full.id);
    return (
      <div class="fs">
        {refs.map((f) => {
          const url = links.get(f.id);
          if (isInlineImage(f.type))
            return (
              <button type="button" class="th" aria-label={t.open(f.name)} onClick={() => this.setState({ full: f })}>
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
        {big && full && (
          <div class="full" role="dialog" aria-label={full.name}>
            <img src={big} alt={full.name} />
            <button type="button" class="btn2" onClick={() => this.setState({ full: null })}>
              {t.closeImage}
            </button>
          </div>
        )}
      </div>
    );
  }
}

const attach = { css: CSS, Uploads, Files };
export type AttachPart = typeof attach;
(window as unknown as Record<string, unknown>)[`${PART_GLOBAL}attach`] = attach;
