/**
 * Splits message text into plain-text and link segments. The panel turns link segments into real
 * <a> elements with JSX, so message text is never parsed as HTML. Only http: and https: URLs
 * become links: javascript:, data: and friends stay inert text.
 */
export type Segment = string | { href: string; text: string };

// A run of non-space characters starting with http(s)://. Trailing punctuation that usually ends a
// sentence ("see https://x.y/z.") is trimmed below rather than in the regex, to keep it readable.
const URL_RUN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Returns the URL if it is a well-formed http(s) URL, else null. `base` resolves relative URLs
 * (knowledge-base citations are paths on the Handoff server, e.g. /help/returns).
 */
export function safeHref(raw: string | undefined, base?: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RUN)) {
    let run = match[0];
    const trail = run.match(TRAILING);
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
    if (trail && !(trail[0] === ")" && run.includes("("))) run = run.slice(0, -trail[0].length);
    const href = safeHref(run);
    if (!href) continue;
    const start = match.index!;
    if (start > last) out.push(text.slice(last, start));
    out.push({ href, text: run });
    last = start + run.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
