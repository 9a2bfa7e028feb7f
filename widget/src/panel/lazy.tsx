/**
 * UI from the lazy parts (widget-<part>.js, ../parts/): a part is loaded the first time the panel
 * shows something from it, with a small placeholder meanwhile and a retry if the file did not load.
 * The state behind what a part shows stays in the panel, so a slow or failed load loses nothing.
 */
import type { ComponentChild } from "preact";
import type { Bridge } from "../bridge";
import { panelStrings as t } from "../strings";

type Exports = { css?: string };
/** Parts already loaded, by name: what each one registered. */
const loaded: Record<string, Exports> = {};

/**
 * Loads a part (once; a failed load is tried again on the next call) and adds its styles to the
 * shadow root. Also called ahead of need, to have a part ready when it is due.
 */
export const loadPart = (bridge: Bridge, name: string): Promise<unknown> =>
  bridge.load<Exports>(name).then((exports) => {
    if (loaded[name]) return;
    loaded[name] = exports;
    const style = document.createElement("style");
    style.textContent = exports.css ?? "";
    (bridge.mount.getRootNode() as ShadowRoot).append(style);
  });

/**
 * `redraw`: the panel's, called when a load ends. Returns `show(name, view)`: `view(part)` once the
 * part is loaded, else the placeholder (starting the load) or, after a failure, the retry.
 */
export function lazyParts(bridge: Bridge, redraw: () => void) {
  const loading: Record<string, "loading" | "failed"> = {};
  return <T,>(name: string, view: (part: T) => ComponentChild): ComponentChild => {
    const part = loaded[name];
    if (part) return view(part as T);
    if (!loading[name]) {
      loading[name] = "loading";
      loadPart(bridge, name).then(
        () => {
          delete loading[name];
          redraw();
        },
        () => {
          loading[name] = "failed";
          redraw();
        },
      );
    }
    return loading[name] === "failed" ? (
      <div class="card" role="alert">
        <p>{t.partFailed}</p>
        <div class="row">
          <button
            class="btn"
            onClick={() => {
              delete loading[name];
              redraw();
            }}
          >
            {t.retry}
          </button>
        </div>
      </div>
    ) : (
      <p class="card" aria-busy="true">
        {t.loading}
      </p>
    );
  };
}
