/**
 * Message text as text nodes, with http(s) URLs as real <a> elements built by JSX. Nothing from a
 * message is ever parsed as HTML, so an XSS payload shows up as the characters it is made of.
 */
import { linkify } from "../core/linkify";

export function Link({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

export function Text({ text }: { text: string }) {
  return <p>{linkify(text).map((s) => (typeof s === "string" ? s : <Link href={s.href}>{s.text}</Link>))}</p>;
}
