/**
 * widget-panel.js: loaded by the launcher on first open. Registers a mount function under a
 * private global that the launcher calls on this script's load event (see ../core/parts.ts).
 */
import { render } from "preact";
import { type Bridge, type MountPanel, PART_GLOBAL } from "../bridge";
import { createSession } from "../core/session";
import { panelStrings } from "../strings";
import { App } from "./App";
import { kit } from "./Part";
import { CSS } from "./styles";

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

  let focusTick = 0;
  const draw = () => {
    // The chosen locale's strings (the launcher loaded them; a new locale redraws through `configured`).
    Object.assign(panelStrings, english, bridge.strings?.panel);
    kit.forms = bridge.strings?.forms;
    render(<App session={session} bridge={bridge} open={bridge.isOpen()} focusTick={focusTick} />, bridge.mount);
  };
  // Read markers wait for the tab to be visible; redraw so they go out when it is.
  document.addEventListener("visibilitychange", draw);
  draw();
  return {
    opened(focus) {
      if (focus) focusTick++;
      draw();
    },
    closed: draw,
    identified: () => session.identify(),
    configured: draw,
  };
};

(window as unknown as Record<string, unknown>)[`${PART_GLOBAL}panel`] = mountPanel;
