/**
 * Security headers for the pages this service serves itself (hono/secure-headers): a Content Security
 * Policy that starts from `default-src 'none'`, `frame-ancestors 'none'` and X-Frame-Options DENY (no
 * page may frame the console or the help centre: clickjacking), nosniff, and no Referer. The API's
 * JSON needs none of this; the widget is embedded on customers' sites and sets its own rules.
 */
import type { Context } from "hono";
import { secureHeaders } from "hono/secure-headers";

const common = {
  xFrameOptions: "DENY",
  xContentTypeOptions: true,
  referrerPolicy: "no-referrer",
} as const;

const lockedDown = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

/** Help pages: server-rendered, escaped text with one inline <style> and no script at all. */
export const helpPageHeaders = () =>
  secureHeaders({
    ...common,
    contentSecurityPolicy: { ...lockedDown, styleSrc: ["'unsafe-inline'"], imgSrc: ["'self'"], formAction: ["'none'"] },
  });

/** This host's own WebSocket origins (the console's sockets), e.g. `ws://localhost:8787 wss://localhost:8787`. */
const ownSockets = (c: Context) => {
  const host = new URL(c.req.url).host;
  return `ws://${host} wss://${host}`;
};

/** The console: its own bundled scripts and styles, its own API and sockets, nothing inline. */
export const consoleHeaders = () =>
  secureHeaders({
    ...common,
    contentSecurityPolicy: {
      ...lockedDown,
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", ownSockets],
      formAction: ["'self'"],
    },
  });
