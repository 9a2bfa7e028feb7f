/**
 * What `preact`, `preact/hooks` and `preact/jsx-runtime` resolve to in a lazy part's build
 * (widget/vite.config.ts): the panel's own Preact, handed over by the part's factory through
 * setKit before any of the part's components renders. A part thus ships no second Preact (whose
 * hooks would not work inside the panel's tree). Source files import from preact as usual, for the types.
 */
import type { Kit } from "../bridge";

export let jsx: Kit["jsx"];
export let Fragment: Kit["Fragment"];
export let useState: Kit["useState"];
export let useEffect: Kit["useEffect"];
export let useRef: Kit["useRef"];
export { jsx as jsxs };

export function setKit(kit: Kit): void {
  ({ jsx, Fragment, useState, useEffect, useRef } = kit);
}
