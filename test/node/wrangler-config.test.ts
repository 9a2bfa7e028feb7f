// The local default must run offline (no remote-only Workers AI binding); production must declare
// Workers AI and every binding again (environments do not inherit bindings).
import { unstable_readConfig } from "wrangler";
import { describe, expect, it } from "vitest";

describe("wrangler configuration", () => {
  const local = unstable_readConfig({ config: "wrangler.toml" });
  const production = unstable_readConfig({ config: "wrangler.toml", env: "production" });

  it("declares no AI binding locally and uses the embedded scorer", () => {
    expect(local.ai).toBeUndefined();
    expect(local.vars.SCORER).toBe("embedded");
  });

  it("declares the AI binding in production and uses Workers AI", () => {
    expect(production.ai?.binding).toBe("AI");
    expect(production.vars.SCORER).toBe("workers-ai");
  });

  it("repeats every Durable Object and D1 binding in production", () => {
    const names = (c: typeof local) => c.durable_objects.bindings.map((b) => b.name).sort();
    expect(names(production)).toEqual(names(local));
    expect(production.d1_databases.map((d) => d.binding)).toEqual(["DB"]);
    expect(production.d1_databases[0].migrations_dir).toBe("schema/migrations");
  });

  it("keeps secrets out of the file", () => {
    expect(local.vars.TOKEN_SECRET).toBeUndefined();
    expect(production.vars.TOKEN_SECRET).toBeUndefined();
  });
});
