/**
 * Browsers apply no CORS to WebSockets, so any page could open a socket with a customer's token
 * or an agent's cookie. Upgrades are accepted only from Origins on the configured allowlist.
 */
export function parseAllowedOrigins(setting: string | undefined): Set<string> {
  return new Set(
    (setting ?? "")
      .split(",")
      .map((o) => o.trim().replace(/\/+$/, ""))
      .filter((o) => o && o !== "*"),
  );
}

/** Non-browser clients (no Origin header) are allowed: they cannot ride on a victim's ambient credentials. */
export function isOriginAllowed(origin: string | null, allowed: Set<string>): boolean {
  if (origin === null) return true;
  return allowed.has(origin.replace(/\/+$/, ""));
}
