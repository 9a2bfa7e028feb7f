/**
 * Shows UI from a lazy part (widget-<part>.js, ../parts/): loads the part the first time it is
 * needed, a small placeholder meanwhile, and a retry if the file did not load. The caller's state
 * stays in the caller, so a slow or failed load loses nothing.
 */
import type { ComponentChild } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Fragment, jsx } from "preact/jsx-runtime";
import type { Bridge, Kit, PartFactory } from "../bridge";
import { panelStrings as t } from "../strings";

export const kit: Kit = { jsx, Fragment, useState, useEffect, useRef };
/** Parts already loaded, by name: what each one's factory returned. */
const loaded: Record<string, { css?: string }> = {};

export function Part<T extends { css?: string }>({
  bridge,
  name,
  children,
}: {
  bridge: Bridge;
  name: string;
  children: (part: T) => ComponentChild;
}) {
  const [failed, setFailed] = useState(false);
  const [, setReady] = useState(false);
  const part = loaded[name] as T | undefined;
  useEffect(() => {
    if (part || failed) return;
    bridge.load<PartFactory<T>>(name).then(
      (factory) => {
        if (!loaded[name]) {
          const exports = factory(kit);
          loaded[name] = exports;
          const style = document.createElement("style");
          style.textContent = exports.css ?? "";
          (bridge.mount.getRootNode() as ShadowRoot).append(style);
        }
        setReady(true);
      },
      () => setFailed(true),
    );
  }, [failed]);
  if (part) return <>{children(part)}</>;
  return failed ? (
    <div class="card" role="alert">
      <p>{t.partFailed}</p>
      <div class="row">
        <button class="btn" onClick={() => setFailed(false)}>
          {t.retry}
        </button>
      </div>
    </div>
  ) : (
    <p class="card" aria-busy="true">
      {t.loading}
    </p>
  );
}
