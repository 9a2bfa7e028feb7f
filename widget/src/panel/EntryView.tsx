/** One transcript entry: customer, AI and agent messages and system notices each look distinct. */
import type { ComponentChildren } from "preact";
import type { Citation, TranscriptEntry } from "../../../schema/protocol";
import { panelStrings as t } from "../strings";
import { safeHref } from "../core/linkify";
import { Link, Text } from "./Text";

function Sources({ citations, base }: { citations: Citation[]; base: string }) {
  const links = citations.filter((c) => c && typeof c.title === "string");
  if (!links.length) return null;
  return (
    <div class="src">
      <span>{t.sources}</span>
      <ul>
        {links.map((c) => {
          const href = safeHref(c.url, base);
          return <li key={c.id}>{href ? <Link href={href}>{c.title}</Link> : c.title}</li>;
        })}
      </ul>
    </div>
  );
}

/** `base`: the Handoff server origin, which relative citation URLs point to; `children`: the entry's files. */
export function EntryView({
  entry,
  base,
  children,
}: {
  entry: TranscriptEntry;
  base: string;
  children?: ComponentChildren;
}) {
  if (entry.kind === "system") {
    return (
      <li class="s" data-event={entry.event} data-seq={entry.seq}>
        <Text text={entry.text} />
      </li>
    );
  }
  const role = entry.author.role;
  const who = role === "customer" ? t.you : role === "ai" ? t.assistant : entry.author.name || t.agent;
  const citations = role === "ai" && Array.isArray(entry.meta?.citations) ? (entry.meta!.citations as Citation[]) : [];
  return (
    <li class={`m ${role}`} data-seq={entry.seq}>
      <span class={role === "customer" ? "sr" : "who"}>{who}</span>
      <Text text={entry.text} />
      <Sources citations={citations} base={base} />
      {children}
    </li>
  );
}
