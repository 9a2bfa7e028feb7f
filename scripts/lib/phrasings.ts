/**
 * Reads the hand-written phrasings in data/phrasings/ (format and provenance: data/phrasings/README.md).
 *
 *   data/phrasings/<kind>/<language>.<split>.txt
 *
 * kind: "intent" (the intent model's labels) or "acts" (the dialogue-act detector's); split: "train" (trained on),
 * "supplement" (trained on, as the domain supplement: English intent only), "dev" (iterated on: read by
 * `npm run eval -- --split=dev`, never trained on), "heldout" (evaluated on, never trained or tuned on). In a file, a line `[label]` opens a label's list, a line starting with `#` is a comment, blank lines
 * are skipped, and every other line is one message, as the customer would type it. Adding a language is adding
 * files: the trainers and the eval read every language found.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type PhrasingKind = "intent" | "acts";
export type PhrasingSplit = "train" | "supplement" | "dev" | "heldout";
/** The splits an evaluation can read: "dev" to iterate on, "heldout" for the honest figure. */
export const EVAL_SPLITS = ["dev", "heldout"] as const;
export type EvalSplit = (typeof EVAL_SPLITS)[number];

/** The evaluation split named by `--split=<dev|heldout>` in `argv` (default heldout); another value stops with its name. */
export function evalSplitOf(argv: readonly string[]): EvalSplit {
  const arg = argv.find((a) => a.startsWith("--split="));
  if (!arg) return "heldout";
  const split = arg.slice("--split=".length);
  if (!(EVAL_SPLITS as readonly string[]).includes(split))
    throw new Error(`unknown split "${split}": use --split=dev or --split=heldout`);
  return split as EvalSplit;
}

export const PHRASINGS_DIR = fileURLToPath(new URL("../../data/phrasings/", import.meta.url));

const fileOf = (kind: PhrasingKind, language: string, split: PhrasingSplit) =>
  `${PHRASINGS_DIR}${kind}/${language}.${split}.txt`;

/** Parses one phrasings file; `where` names it in errors. Every label in `labels` is present (maybe empty). */
export function parsePhrasings<L extends string>(
  text: string,
  labels: readonly L[],
  where: string,
): Record<L, string[]> {
  const out = Object.fromEntries(labels.map((l) => [l, [] as string[]])) as Record<L, string[]>;
  let current: L | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const header = /^\[([a-z_]+)\]$/.exec(line);
    if (header) {
      if (!labels.includes(header[1] as L)) throw new Error(`${where}:${i + 1}: unknown label [${header[1]}]`);
      current = header[1] as L;
      return;
    }
    if (!current) throw new Error(`${where}:${i + 1}: a phrase before any [label] line`);
    out[current].push(line);
  });
  return out;
}

/** The phrasings of one language and split; a missing file stops with its path. */
export function readPhrasings<L extends string>(
  kind: PhrasingKind,
  language: string,
  split: PhrasingSplit,
  labels: readonly L[],
): Record<L, string[]> {
  const file = fileOf(kind, language, split);
  if (!existsSync(file)) throw new Error(`missing phrasings file ${file} (see data/phrasings/README.md)`);
  return parsePhrasings(readFileSync(file, "utf8"), labels, file);
}

/** The languages that have a file of this kind and split, sorted, English first. */
export function phrasingLanguages(kind: PhrasingKind, split: PhrasingSplit): string[] {
  const suffix = `.${split}.txt`;
  const dir = `${PHRASINGS_DIR}${kind}`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));
}

/** Every language's phrasings of one kind and split, as (language, label, text) rows. */
export function allPhrasings<L extends string>(
  kind: PhrasingKind,
  split: PhrasingSplit,
  labels: readonly L[],
): { language: string; label: L; text: string }[] {
  return phrasingLanguages(kind, split).flatMap((language) => {
    const byLabel = readPhrasings(kind, language, split, labels);
    return labels.flatMap((label) => byLabel[label].map((text) => ({ language, label, text })));
  });
}
