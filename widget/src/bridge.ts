/**
 * The contract between the launcher (widget.js, loaded on every page view), the panel
 * (widget-panel.js, loaded on first open) and the lazy parts (widget-<part>.js, loaded by the panel
 * the first time it shows what they hold). Types and one string constant, so it costs next to
 * nothing in each bundle.
 */
import type { Component, Fragment } from "preact";
import type { jsx } from "preact/jsx-runtime";
import type { Identity } from "./core/session";

export interface WidgetConfig {
  site: string;
  /** Origin of the Handoff server: where widget.js was loaded from. */
  origin: string;
  color: string;
  position: "left" | "right";
  title?: string;
  welcome?: string;
  /** The language the widget speaks ("fr"): data-locale or Handoff("setLocale"), else the browser's, else "en". */
  locale: string;
}

/** A locale's strings (widget/src/locales/<lang>.ts, each its own small file widget-locale-<lang>.js). */
export interface Locale {
  launcher: typeof import("./strings").launcherStrings;
  panel: import("./strings").PanelStrings;
  prompts: typeof import("./strings").promptStrings;
  forms: typeof import("./strings").formStrings;
  attach: typeof import("./strings").attachStrings;
}

export interface Bridge {
  config: WidgetConfig;
  /** Element inside the shadow root the panel renders into. */
  mount: HTMLElement;
  launcher: HTMLButtonElement;
  identity: { customer: Identity; attributes: Record<string, string>; locale?: string };
  /** The chosen locale's strings once loaded; undefined for English (the built-in strings). */
  strings?: Locale;
  isOpen(): boolean;
  /** Close the panel (its close button, Escape) and give focus back to the launcher. */
  close(): void;
  setUnread(count: number): void;
  /**
   * Loads widget-`part`.js from where widget.js came from, once, and resolves with what it registered
   * under PART_GLOBAL + part. Rejects when the script fails to load; the next call tries again.
   */
  load<T>(part: string): Promise<T>;
}

/** What the panel hands back: the launcher forwards the site's API calls through it. */
export interface Panel {
  /** The panel became visible; `focus`: move keyboard focus into it. */
  opened(focus: boolean): void;
  closed(): void;
  identified(): void;
  configured(): void;
}

/**
 * Prefix of the globals between the files: a part script sets `__handoff_<part>` for the loader to
 * pick up (and delete) on its load event, `__handoff_panel` holding a MountPanel and any other its
 * exports; the panel sets `__handoff_kit` (a Kit) before loading any lazy part.
 */
export const PART_GLOBAL = "__handoff_";
export type MountPanel = (bridge: Bridge) => Panel;

/**
 * The panel's Preact runtime, read by a lazy part as it starts: a part bundles no Preact of its own
 * (its build aliases preact to widget/src/parts/kit.ts), so its vnodes and components are the panel's.
 * No hooks: the widget ships without preact/hooks (~1.1 KB gzipped); a part with state is a class.
 */
export interface Kit {
  jsx: typeof jsx;
  Fragment: typeof Fragment;
  Component: typeof Component;
  /** The chosen locale's strings (a lazy part bundles only the English ones); set before any part loads. */
  strings?: Locale;
}
