/**
 * Loads the widget's other files, widget-<part>.js, with a script element from the same origin and
 * path as widget.js: a site whose CSP allows widget.js allows them (no eval, no module import).
 * The launcher uses it for widget-panel.js and hands it to the panel (Bridge.load) for lazy parts.
 * Each script registers its export under PART_GLOBAL + part, which is read and deleted on load.
 */
import { PART_GLOBAL } from "../bridge";

type Doc = { createElement(tag: "script"): HTMLScriptElement; head: { append(node: Node): void } };

/** `base`: the URL of widget.js. `doc` and `globals` are injectable for tests. */
export function partLoader(base: string, doc: Doc = document, globals = window as unknown as Record<string, unknown>) {
  const loads: Record<string, Promise<unknown>> = {};
  return <T>(part: string): Promise<T> => {
    loads[part] ??= new Promise((resolve, reject) => {
      const s = doc.createElement("script");
      const key = PART_GLOBAL + part;
      // A failed load (flaky network, a script that registered nothing) is forgotten, so the next call tries again.
      const fail = () => {
        delete loads[part];
        s.remove();
        reject(new Error(`widget-${part}.js did not load`));
      };
      s.src = new URL(`widget-${part}.js`, base).href;
      s.async = true;
      s.onload = () => {
        const value = globals[key];
        delete globals[key];
        if (value) resolve(value);
        else fail();
      };
      s.onerror = fail;
      doc.head.append(s);
    });
    return loads[part] as Promise<T>;
  };
}
