/**
 * What `preact` and `preact/jsx-runtime` resolve to in a lazy part's build (widget/vite.config.ts):
 * the panel's own Preact, which the panel puts under `__handoff_kit` before it loads any part. A part
 * thus ships no second Preact (whose vnodes and components would not mix with the panel's). Source
 * files import from preact as usual, for the types. There are no hooks to import: see Kit in ../bridge.ts.
 */
import { type Kit, PART_GLOBAL } from "../bridge";

export const { jsx, Fragment, Component, strings } = (window as unknown as Record<string, Kit>)[`${PART_GLOBAL}kit`];
export { jsx as jsxs };
