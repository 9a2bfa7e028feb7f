/**
 * widget-panel.js: loaded by the launcher on first open. Registers a mount function under a
 * private global that the launcher calls on this script's load event (see ../core/parts.ts), and
 * puts the Preact runtime the lazy parts use under another (Kit in ../bridge.ts).
 */
import { Component, Fragment, render } from "preact";
import { jsx } from "preact/jsx-runtime";
import { type Bridge, type Kit, type MountPanel, PART_GLOBAL } from "../bridge";
import { createSession } from "../core/session";
import { panelStrings } from "../strings";
import { panelView } from "./App";
import { CSS } from "./styles";

const globals = window as unknown as Record<string, unknown>;
const kit: Kit = { jsx, Fragment, Component };
globals[`${PART_GLOBAL}kit`] = kit;
const english = { ...panelStrings };

const mountPanel: MountPanel = (bridge: Bridge) => {
  const style = document.createElement("style");
  style.textContent = CSS;
  (bridge.mount.getRootNode() as ShadowRoot).prepend(style);

  let storage: Storage | null = null;
  try {
    storage = localStorage;
  } catch {}
  const session = createSession({
    origin: bridge.config.origin,
    site: bridge.config.site,
    storage,
    identity: () => bridge.identity,
  });
  addEventListener("online", () => session.reconnectNow());
  addEventListener("offline", () => session.wentOffline());

  const draw = () => {
    // The chosen locale's strings (the launcher loaded them; a new locale redraws through `configured`).
    Object.assign(panelStrings, english, bridge.strings?.panel);
    kit.strings = bridge.strings;
    render(view.render(), bridge.mount);
    view.rendered();
  };
  // State changes come in bursts (a resume replays many entries): one render for each burst.
  let queued = false;
  const redraw = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      draw();
    });
  };
  const view = panelView(session, bridge, redraw);
  session.subscribe(redraw);
  // Read markers wait for the tab to be visible; redraw so they go out when it is.
  document.addEventListener("visibilitychange", draw);
  draw();
  return {
    opened(focus) {
      draw();
      if (focus) view.focus();
    },
    closed: draw,
    identified: () => session.identify(),
    configured: draw,
  };
};

globals[`${PART_GLOBAL}panel`] = mountPanel;
