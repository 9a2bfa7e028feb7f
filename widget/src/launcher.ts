/**
 * widget.js: the only script a site embeds. Vanilla DOM (no Preact) because it runs on every page
 * view of the customer's site: it mounts a fixed-position launcher button in a Shadow DOM (no layout
 * shift, no CSS leaking either way), exposes window.Handoff, and loads widget-panel.js only when the
 * chat is first opened (or right away when a conversation is already under way).
 *
 *   <script src="https://HOST/widget.js" data-site="demo" data-color="#1f5fbf" data-position="right"
 *           data-title="Brightbox support" data-welcome="Hi!" async></script>
 *
 * Calls made before the script loads are queued by the stub
 *   window.Handoff = window.Handoff || function () { (Handoff.q = Handoff.q || []).push(arguments) };
 * and replayed here, so Handoff("identify", {...}) works whichever script runs first.
 */
import type { Bridge, Locale, MountPanel, Panel, WidgetConfig } from "./bridge";
import type { Identity } from "./core/session";
import { textOn } from "./core/contrast";
import { partLoader } from "./core/parts";
import { openKey, storageKey } from "./core/storage";
import { launcherStrings as t } from "./strings";

type Theme = Partial<Pick<WidgetConfig, "color" | "position" | "title" | "welcome">>;
type Api = ((method: string, ...args: unknown[]) => void) & {
  q?: ArrayLike<unknown>[];
  open(): void;
  close(): void;
  toggle(): void;
  identify(customer: Identity): void;
  setAttributes(attributes: Record<string, unknown>): void;
  configure(theme: Theme): void;
  setLocale(locale: string): void;
};

/** The locales besides English, each one small file (widget-locale-<lang>.js) loaded only when chosen. */
const LOCALES = "es fr de pt it nl ja ar".split(" ");
/** The first supported language of `tags` (primary subtag), else English. */
const pickLocale = (tags: readonly (string | undefined)[]) =>
  tags.map((tag) => tag?.slice(0, 2).toLowerCase()).find((l) => l === "en" || LOCALES.includes(l!)) || "en";

// Shadow DOM styles. `:host` declarations are !important because the page's own `* {}` rules reach
// the host element and, for !important, the shadow tree's declarations win the cascade.
const CSS =
  ":host{all:initial!important;position:fixed!important;bottom:20px!important;right:20px!important;left:auto!important;z-index:2147483000!important;display:block!important;font:15px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif!important;color:#1a1a1a!important}" +
  ":host([data-pos=left]){left:20px!important;right:auto!important}" +
  ".l{all:unset;box-sizing:border-box;width:56px;height:56px;border-radius:50%;background:var(--hc);color:var(--ht);display:grid;place-items:center;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);position:relative}" +
  ".l:focus-visible{outline:3px solid #111;outline-offset:3px;box-shadow:0 0 0 6px #fff}" +
  ".l svg{width:28px;height:28px;fill:currentColor}.l .x,.l[aria-expanded=true] .c{display:none}.l[aria-expanded=true] .x{display:block}" +
  ".b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#b00020;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center;padding:0 5px;box-sizing:border-box}" +
  ".b:empty{display:none}";

const ICONS = {
  c: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z",
  x: "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z",
};

function boot(): void {
  const w = window as unknown as Record<string, unknown> & { Handoff?: Api };
  if (w.Handoff && (w.Handoff as { _ready?: boolean })._ready) return; // included twice
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return;
  const data = script.dataset;
  const config: WidgetConfig = {
    site: data.site || "default",
    origin: new URL(script.src).origin,
    color: data.color || "#1f5fbf",
    position: data.position === "left" ? "left" : "right",
    title: data.title,
    welcome: data.welcome,
    locale: pickLocale([data.locale, ...navigator.languages]),
  };
  let store: Storage | null = null;
  try {
    store = localStorage;
  } catch {}

  const host = document.createElement("handoff-widget");
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = CSS;
  const wrap = document.createElement("div");
  const mount = document.createElement("div");
  const launcher = document.createElement("button");
  const badge = document.createElement("span");
  launcher.className = "l";
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-label", t.open);
  badge.className = "b";
  for (const [cls, d] of Object.entries(ICONS)) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", cls);
    path.setAttribute("d", d);
    svg.append(path);
    launcher.append(svg);
  }
  launcher.append(badge);
  wrap.append(mount, launcher);
  root.append(style, wrap);

  const applyTheme = () => {
    wrap.style.setProperty("--hc", config.color);
    wrap.style.setProperty("--ht", textOn(config.color));
    host.dataset.pos = config.position;
  };
  applyTheme();

  let open = false;
  let panel: Panel | undefined;
  let panelLoad: Promise<void> | undefined;
  let wantFocus = true;
  const identity: Bridge["identity"] = { customer: {}, attributes: {}, locale: config.locale };
  const english = { ...t };
  /** Loads the chosen locale's strings (nothing for English); the launcher's apply at once, the panel's on its next draw. */
  let localized: Promise<unknown> | undefined;
  const localize = () => {
    const { locale } = config;
    localized = (locale === "en" ? Promise.resolve(undefined) : bridge.load<Locale>(`locale-${locale}`)).then(
      (strings) => {
        bridge.strings = strings;
        Object.assign(t, english, strings?.launcher);
        launcher.setAttribute("aria-label", open ? t.close : t.open);
        panel?.configured();
      },
      // A locale that did not load leaves the widget in English rather than broken.
      () => {},
    );
  };

  const bridge: Bridge = {
    config,
    mount,
    launcher,
    identity,
    isOpen: () => open,
    close: () => setOpen(false),
    setUnread: (n) => {
      badge.textContent = n ? String(n) : "";
      launcher.setAttribute("aria-label", n ? `${t.open} (${t.unread(n)})` : open ? t.close : t.open);
    },
    load: partLoader(script.src),
  };

  function loadPanel(): void {
    if (panelLoad) return;
    panelLoad = Promise.all([bridge.load<MountPanel>("panel"), localized]).then(
      ([mountPanel]) => {
        panel = mountPanel(bridge);
        if (open) panel.opened(wantFocus);
      },
      // Let the next click try again (flaky network) instead of leaving a dead button.
      () => {
        panelLoad = undefined;
      },
    );
  }

  /** `focus`: move focus into the panel (a visitor's action), not when restoring after navigation. */
  function setOpen(next: boolean, focus = true): void {
    open = next;
    launcher.setAttribute("aria-expanded", String(next));
    launcher.setAttribute("aria-label", next ? t.close : t.open);
    mount.hidden = !next;
    try {
      if (next) store?.setItem(openKey(config.site), "1");
      else store?.removeItem(openKey(config.site));
    } catch {}
    if (next) {
      wantFocus = focus;
      if (panel) panel.opened(focus);
      else loadPanel();
    } else {
      panel?.closed();
      if (root.activeElement) launcher.focus(); // focus was in the panel: give it back
    }
  }

  launcher.addEventListener("click", () => setOpen(!open));
  mount.hidden = true;

  const api = ((method: string, ...args: unknown[]) => {
    const fn = (api as unknown as Record<string, unknown>)[method];
    if (typeof fn === "function" && method !== "q") (fn as (...a: unknown[]) => void)(...args);
  }) as Api;
  Object.assign(api, {
    _ready: true,
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify: (customer: Identity) => {
      Object.assign(identity.customer, customer);
      panel?.identified();
    },
    setAttributes: (attributes: Record<string, unknown>) => {
      // The protocol carries attribute values as strings; numbers from the page are fine to coerce.
      for (const [k, v] of Object.entries(attributes || {})) if (v != null) identity.attributes[k] = String(v);
      panel?.identified();
    },
    configure: (theme: Theme) => {
      Object.assign(config, theme);
      applyTheme();
      panel?.configured();
    },
    setLocale: (locale: string) => {
      identity.locale = config.locale = pickLocale([locale]);
      localize();
      panel?.identified();
    },
  });

  const queued = w.Handoff?.q || [];
  w.Handoff = api;
  for (const call of Array.from(queued)) api(...(Array.from(call) as [string, ...unknown[]]));
  // A queued setLocale already loaded its strings.
  if (!localized) localize();

  const attach = () => {
    document.body.append(host);
    // Continue where the visitor left off: the panel reconnects (unread badge) and reopens if it was open.
    let resume = false;
    try {
      resume = !!store?.getItem(storageKey(config.site));
      if (store?.getItem(openKey(config.site))) setOpen(true, false);
    } catch {}
    if (resume && !open) loadPanel();
  };
  if (document.body) attach();
  else document.addEventListener("DOMContentLoaded", attach);
}

boot();
