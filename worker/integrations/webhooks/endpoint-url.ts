/**
 * Which URLs a webhook may be registered at. The dispatcher fetches them from inside our network, so an
 * admin (or a stolen admin session) must not be able to point it at the Worker's neighbours: the cloud
 * metadata address, loopback, private ranges, or names that only resolve inside a network.
 *
 * Refused with 400 `url_not_allowed`: every IP literal (IPv4 in any spelling the URL parser normalises,
 * e.g. `2130706433` or `0x7f.1`, and every IPv6 literal), `localhost` and `*.localhost`, the `.local`,
 * `.internal`, `.home.arpa` and `.lan` suffixes, and single-label names such as `intranet`. A public name
 * is required. DNS is not resolved here (a Worker cannot): Cloudflare's egress does not reach private
 * addresses in production, which covers a public name that resolves to one.
 *
 * HTTPS only (payloads carry customer data). Test-only escape: with ALLOW_HTTP_WEBHOOKS = "true" (set in
 * vitest.config.ts, never in wrangler.toml) a plain http:// URL on the loopback host itself (127.0.0.1,
 * [::1], localhost) is accepted, for the tests' loopback receiver; every other rule still applies.
 */
import type { Env } from "../../env";
import { ApiError } from "../../http/errors";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan"];

function refuse(message: string): never {
  throw new ApiError(400, "url_not_allowed", message);
}

/** The hostname as the URL parser leaves it, lower-case and without a trailing dot. */
function normalisedHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, "");
}

function isIpLiteral(host: string): boolean {
  return host.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/** Throws ApiError 400 unless the URL is one the dispatcher may call; returns it normalised. */
export function checkEndpointUrl(env: Pick<Env, "ALLOW_HTTP_WEBHOOKS">, raw: string): string {
  const url = new URL(raw);
  const host = normalisedHost(url);
  const testLoopback = env.ALLOW_HTTP_WEBHOOKS === "true" && url.protocol === "http:" && LOOPBACK_HOSTS.has(host);
  if (url.protocol !== "https:" && !testLoopback) {
    throw new ApiError(400, "bad_request", "url must use https://");
  }
  if (url.username || url.password) throw new ApiError(400, "bad_request", "url must not contain credentials");
  if (testLoopback) return url.toString();
  if (isIpLiteral(host)) refuse("url must name a public host, not an IP address");
  if (host === "localhost" || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix)))
    refuse("url must name a public host, not a local name");
  if (!host.includes(".")) refuse("url must name a public host (a fully qualified domain name)");
  return url.toString();
}
