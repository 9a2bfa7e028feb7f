/**
 * Serving a stored attachment. Raster images a browser renders (PNG, JPEG, GIF, WebP) are inline, so an
 * `<img>` shows them; everything else is `Content-Disposition: attachment`, so a browser downloads it and
 * never renders it (an SVG or HTML file can carry a script: the stored-XSS hole of an SVG avatar). Always
 * with nosniff (the browser keeps the type we found from the bytes) and a sandboxing CSP, so even a file
 * opened directly runs no script and shares no origin.
 */
import { isInlineImage } from "../../schema/attachments";

/** `attachment; filename="..."; filename*=UTF-8''...`: an ASCII fallback and the exact name (RFC 6266). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function downloadHeaders(type: string, name: string, size: number): Headers {
  const inline = isInlineImage(type);
  return new Headers({
    "Content-Type": inline ? type : type.startsWith("text/") ? `${type}; charset=utf-8` : type,
    "Content-Length": String(size),
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    // The widget shows thumbnails on customers' own sites, which are other origins.
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Referrer-Policy": "no-referrer",
    // Private: the file is the conversation's; a shared cache must never hand it to someone else.
    "Cache-Control": "private, max-age=300",
  });
}

/** The object as the response, or null when it does not exist. */
export async function serveObject(bucket: R2Bucket, key: string): Promise<Response | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  const type = object.httpMetadata?.contentType ?? "application/octet-stream";
  const name = object.customMetadata?.name ?? "file";
  return new Response(object.body, { headers: downloadHeaders(type, name, object.size) });
}
