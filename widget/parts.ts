/**
 * The widget's files, each an IIFE with a fixed name (sites embed widget.js by URL; the rest are
 * loaded by widget/src/core/parts.ts from beside it). Read by widget/vite.config.ts, the widget build
 * (scripts/build-widget.ts) and the size check (scripts/check-widget-size.ts).
 */

/** Everything needed to send a first message: what the 15 KB budget counts. */
export const FIRST_LOAD = {
  /** widget.js: the launcher every page of the customer's site loads (vanilla, tiny). */
  launcher: "src/launcher.ts",
  /** widget-panel.js: the Preact chat panel, fetched on first open. */
  panel: "src/panel/index.tsx",
};

/** Lazy parts, widget-<part>.js, fetched the first time the panel shows what they hold. */
export const LAZY_PARTS = {
  /** The no-agent contact form and the satisfaction rating. */
  forms: "src/parts/forms.tsx",
  /** Attachments: uploads with progress, cancel and retry, thumbnails, full-size view, file cards. */
  attach: "src/parts/attach.tsx",
  /** The feedback choices under an answer, the offer of a person, the queue notice. */
  prompts: "src/parts/prompts.tsx",
  /** The strings of one locale besides English (loaded by the launcher only when chosen). */
  "locale-es": "src/locales/es.ts",
  "locale-fr": "src/locales/fr.ts",
  "locale-de": "src/locales/de.ts",
  "locale-pt": "src/locales/pt.ts",
  "locale-it": "src/locales/it.ts",
  "locale-nl": "src/locales/nl.ts",
  "locale-ja": "src/locales/ja.ts",
  "locale-ar": "src/locales/ar.ts",
};

export type WidgetPart = keyof typeof FIRST_LOAD | keyof typeof LAZY_PARTS;
export const WIDGET_PARTS = [...Object.keys(FIRST_LOAD), ...Object.keys(LAZY_PARTS)] as WidgetPart[];

export const fileOf = (part: WidgetPart) => (part === "launcher" ? "widget.js" : `widget-${part}.js`);
