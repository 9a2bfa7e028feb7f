// worker/env.ts is kept by hand; this keeps it complete. Every binding and variable that wrangler.toml
// declares (local default and [env.production]) must be in Env, with a var's value among the literals
// when Env narrows it; anything else in Env must be a known secret or test-only binding.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";

/** Not in wrangler.toml on purpose: secrets (`wrangler secret put`, .dev.vars) and test-only bindings. */
const NOT_IN_WRANGLER_TOML = ["TOKEN_SECRET", "ALLOW_HTTP_WEBHOOKS"];

type Config = ReturnType<typeof unstable_readConfig>;

/** Every binding name a wrangler config declares, by kind. */
function declaredBindings(config: Config): Map<string, string> {
  const names = new Map<string, string>();
  const add = (kind: string, name: string | undefined) => name && names.set(name, kind);
  for (const name of Object.keys(config.vars)) add("var", name);
  for (const b of config.durable_objects.bindings) add("durable object", b.name);
  for (const b of config.queues.producers ?? []) add("queue", b.binding);
  const lists: [string, { binding?: string; name?: string }[] | undefined][] = [
    ["d1", config.d1_databases],
    ["kv", config.kv_namespaces],
    ["r2", config.r2_buckets],
    ["service", config.services],
    ["send_email", config.send_email],
    ["analytics engine", config.analytics_engine_datasets],
    ["vectorize", config.vectorize],
    ["hyperdrive", config.hyperdrive],
    ["workflow", config.workflows],
    ["ratelimit", config.ratelimits],
  ];
  for (const [kind, list] of lists) for (const b of list ?? []) add(kind, b.binding ?? b.name);
  for (const [kind, single] of [
    ["ai", config.ai],
    ["assets", config.assets],
    ["browser", config.browser],
    ["images", config.images],
    ["version metadata", config.version_metadata],
  ] as const)
    add(kind, single?.binding);
  return names;
}

/** Env's members, each with its string literals when its type is a union of them. */
function envMembers(): Map<string, string[] | null> {
  const file = ts.createSourceFile("env.ts", readFileSync("worker/env.ts", "utf8"), ts.ScriptTarget.Latest, true);
  const members = new Map<string, string[] | null>();
  file.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "Env") return;
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !ts.isIdentifier(m.name)) continue;
      const type = m.type;
      const literals =
        type && ts.isUnionTypeNode(type) && type.types.every((t) => ts.isLiteralTypeNode(t))
          ? type.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text)
          : null;
      members.set(m.name.text, literals);
    }
  });
  return members;
}

describe("Env covers wrangler.toml", () => {
  const env = envMembers();
  const configs = { default: unstable_readConfig({ config: "wrangler.toml" }) } as Record<string, Config>;
  configs.production = unstable_readConfig({ config: "wrangler.toml", env: "production" });

  it("reads Env's members from worker/env.ts", () => {
    expect(env.size).toBeGreaterThan(5);
    expect(env.get("SCORER")).toEqual(["embedded", "workers-ai"]);
  });

  for (const [name, config] of Object.entries(configs)) {
    it(`has every binding and var of the ${name} environment`, () => {
      const declared = declaredBindings(config);
      expect(declared.size).toBeGreaterThan(5);
      const missing = [...declared].filter(([binding]) => !env.has(binding)).map(([b, kind]) => `${kind} ${b}`);
      expect(missing, "declared in wrangler.toml but not in worker/env.ts").toEqual([]);
      for (const [key, value] of Object.entries(config.vars)) {
        const literals = env.get(key);
        if (literals) expect(literals, `${name} var ${key}`).toContain(value);
      }
    });
  }

  it("declares nothing else than wrangler.toml, the secrets and the test-only bindings", () => {
    const everywhere = new Set(Object.values(configs).flatMap((c) => [...declaredBindings(c).keys()]));
    const extra = [...env.keys()].filter((k) => !everywhere.has(k) && !NOT_IN_WRANGLER_TOML.includes(k));
    expect(extra).toEqual([]);
    for (const name of NOT_IN_WRANGLER_TOML) expect(env.has(name), name).toBe(true);
  });
});
