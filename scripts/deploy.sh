#!/usr/bin/env bash
# npm run deploy: production deploy to Cloudflare (see docs/deploy.md).
#   1. refuses while wrangler.toml's [env.production] still has placeholder values;
#   2. builds the widget and the console (npm run build);
#   3. applies the D1 migrations to the remote database;
#   4. deploys the Worker (Durable Objects, assets) with `wrangler deploy --env production`.
# Needs `wrangler login` (or CLOUDFLARE_API_TOKEN) and the secrets set once with `wrangler secret put`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Read the config the way wrangler does (environment resolution included), not with a regex over TOML.
node --input-type=module - <<'JS'
import { unstable_readConfig } from "wrangler";
const c = unstable_readConfig({ config: "wrangler.toml", env: "production" });
const problems = [];
for (const db of c.d1_databases ?? []) {
  if (!db.database_id || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(db.database_id) || /REPLACE|YOUR/i.test(db.database_id)) {
    problems.push(`D1 binding ${db.binding}: database_id is a placeholder (${db.database_id ?? "missing"}). Run \`npx wrangler d1 create handoff\` and paste the id into [[env.production.d1_databases]].`);
  }
}
if ((c.d1_databases ?? []).length === 0) problems.push("[env.production] declares no D1 database.");
const example = (s) => /(^|[./])example\.(com|org|net)(\/|:|$)/i.test(s);
for (const r of c.routes ?? []) {
  const pattern = typeof r === "string" ? r : r.pattern;
  if (example(pattern)) problems.push(`route "${pattern}" is the example domain: set your own (custom_domain = true for a hostname you have on Cloudflare).`);
}
if (c.route && example(typeof c.route === "string" ? c.route : c.route.pattern)) problems.push(`route "${JSON.stringify(c.route)}" is the example domain.`);
const origins = String(c.vars?.ALLOWED_ORIGINS ?? "");
if (!origins) problems.push("vars.ALLOWED_ORIGINS is empty: list the https:// origins allowed to open the widget and the console.");
for (const o of origins.split(",").map((s) => s.trim()).filter(Boolean)) {
  if (example(o)) problems.push(`ALLOWED_ORIGINS contains the example origin ${o}: list your site and support hostnames.`);
  if (o.startsWith("http://")) problems.push(`ALLOWED_ORIGINS contains ${o}: production origins must be https://.`);
}
const consoleOrigins = String(c.vars?.CONSOLE_ORIGINS ?? "");
if (!consoleOrigins) problems.push("vars.CONSOLE_ORIGINS is empty: list the https:// origin of the agent console.");
for (const o of consoleOrigins.split(",").map((s) => s.trim()).filter(Boolean)) {
  if (example(o)) problems.push(`CONSOLE_ORIGINS contains the example origin ${o}: list your support hostname.`);
  if (o.startsWith("http://")) problems.push(`CONSOLE_ORIGINS contains ${o}: production origins must be https://.`);
}
if (c.vars?.ALLOW_HTTP_WEBHOOKS === "true") problems.push("ALLOW_HTTP_WEBHOOKS is \"true\": that is for tests only; remove it from production.");
if (c.vars?.EMAIL_FROM && /@example\.(com|org|net)>?$/i.test(c.vars.EMAIL_FROM)) problems.push(`vars.EMAIL_FROM "${c.vars.EMAIL_FROM}" is the example sender: use an address on your Email Routing domain.`);
if (!c.ai?.binding) problems.push("[env.production.ai] is missing: production answers with Workers AI.");
if (problems.length) {
  console.error("Refusing to deploy: wrangler.toml [env.production] still has placeholder or unsafe values:\n");
  for (const p of problems) console.error(`  - ${p}`);
  console.error("\nFix them (docs/deploy.md walks through each one), then run `npm run deploy` again.");
  process.exit(1);
}
console.log(`Production config looks real: ${c.name}, D1 ${c.d1_databases.map((d) => d.database_id).join(", ")}, routes ${(c.routes ?? []).map((r) => (typeof r === "string" ? r : r.pattern)).join(", ")}`);
JS

npm run build
npx wrangler d1 migrations apply handoff --remote --env production
npx wrangler deploy --env production
