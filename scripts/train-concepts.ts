/**
 * Compiles the hand-written concept stems of every language (data/phrasings/concepts/<language>.txt) into
 * worker/ai/embedded/concept-stems.json, which the intent and act models read their concept features from.
 * `npm run train` runs this first: a change of stems changes the models' features, so they are retrained after it.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { CONCEPTS, compileConceptStems } from "../worker/ai/embedded/concepts";
import { PHRASINGS_DIR, parsePhrasings } from "./lib/phrasings";

const dir = `${PHRASINGS_DIR}concepts/`;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const compiled = compileConceptStems(
  files.map((f) => parsePhrasings(readFileSync(dir + f, "utf8"), CONCEPTS, dir + f)),
);
writeFileSync("worker/ai/embedded/concept-stems.json", `${JSON.stringify(compiled)}\n`);
console.log(
  `concepts: ${Object.keys(compiled.exact).length + Object.keys(compiled.prefix).length} stems from ${files.length} languages -> worker/ai/embedded/concept-stems.json`,
);
