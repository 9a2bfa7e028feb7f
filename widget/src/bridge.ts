/**
 * The contract between the launcher (widget.js, loaded on every page view) and the panel
 * (widget-panel.js, loaded on first open). Types only, so it costs no bytes in either bundle.
 */
import type { Identity } from "./core/session";

export interface WidgetConfig {
  site: string;
  /** Origin of the Handoff server: where widget.js was loaded from. */
  origin: string;
  color: string;
  position: "left" | "right";
  title?: string;
  welcome?: string;
}

export interface Bridge {
  config: WidgetConfig;
  /** Element inside the shadow root the panel renders into. */
  mount: HTMLElement;
  launcher: HTMLButtonElement;
  identity: { customer: Identity; attributes: Record<string, string> };
  isOpen(): boolean;
  /** Close the panel (its close button, Escape) and give focus back to the launcher. */
  close(): void;
  setUnread(count: number): void;
}

/** What the panel hands back: the launcher forwards the site's API calls through it. */
export interface Panel {
  /** The panel became visible; `focus`: move keyboard focus into it. */
  opened(focus: boolean): void;
  closed(): void;
  identified(): void;
  configured(): void;
}

/** Global the panel script sets for the launcher to pick up on the script's load event. */
export const PANEL_GLOBAL = "__handoffPanel";
export type MountPanel = (bridge: Bridge) => Panel;
