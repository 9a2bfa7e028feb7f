/**
 * Term processing for retrieval: lowercase, stopwords dropped, a light suffix stemmer so "charged", "charges"
 * and "charge" meet. The same function processes articles and queries (minisearch's processTerm).
 */

/** Function words plus words every support message shares ("help", "please") and the product name. */
const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from as is are was were be been being am do does did doing " +
    "have has had having i me my mine myself you your yours we our us they them their it its this that these those " +
    "there here what which who whom when where why how can could would should will shall may might must just so " +
    "too very not no yes ok okay hi hello hey please thanks thank help need want like get got any some all also " +
    "about into out up down over again then than only own same such more most other s t don doesn didn isn wasn " +
    "im ive id brightbox one"
  ).split(" "),
);

export function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "charg(e)" / "charg(ed)" / "charg(ing)" all end up as "charg"; "cancell" -> "cancel".
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith("ll") && w.length > 5) w = w.slice(0, -1);
  return w;
}

/** minisearch processTerm: null drops the term. */
export function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/[’']/g, "");
  if (t.length < 2 && !/\d/.test(t)) return null;
  if (STOPWORDS.has(t)) return null;
  return stem(t);
}

/** The distinct processed terms of a text (for coverage and sentence selection). */
export function contentTerms(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.slice(0, 1000).split(/[^\p{L}\p{N}'’]+/u)) {
    if (!raw) continue;
    const t = processTerm(raw);
    if (t) out.add(t);
  }
  return [...out];
}
