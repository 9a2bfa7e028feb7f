// The OpenAPI document: served publicly, lists every route the app registers (and no other), and
// carries the request schemas converted from the same valibot schemas the handlers validate with.
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "../../schema/webhooks";
import app from "../../worker/index";
import { CreateWebhookBody } from "../../worker/integrations/webhooks/routes";
import { ROUTE_TABLE } from "../../worker/openapi/route-table";
import { CreateAgentBody } from "../../worker/routes/admin-agents";
import { worker } from "./helpers/sockets";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        summary: string;
        requestBody?: { content: { "application/json": { schema: Schema } } };
        parameters?: { name: string; in: string; required: boolean; schema: Schema }[];
        security?: unknown[];
        responses: Record<string, unknown>;
      }
    >
  >;
};
type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  additionalProperties?: unknown;
  format?: string;
  minItems?: number;
};

const norm = (p: string) => p.replace(/\/+$/, "") || "/";

async function fetchDoc(): Promise<Doc> {
  const res = await worker().fetch("http://localhost/api/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return res.json();
}

describe("GET /api/openapi.json", () => {
  it("documents every route the app registers, and no route the app lacks", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe("3.0.3");
    const routes = (app as unknown as { routes: { method: string; path: string }[] }).routes;
    const inApp = [
      ...new Set(
        routes
          .filter((r) => r.method !== "ALL")
          .map((r) => `${r.method} ${norm(r.path).replace(/:([A-Za-z]+)/g, "{$1}")}`),
      ),
    ].sort();
    const inDoc = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(inDoc).toEqual(inApp);
    expect(ROUTE_TABLE).toHaveLength(inDoc.length); // No duplicate rows in the table.
  });

  it("converts the handlers' own body schemas (webhook registration)", async () => {
    const op = (await fetchDoc()).paths["/api/admin/webhooks"].post;
    const schema = op.requestBody!.content["application/json"].schema;
    expect(schema.type).toBe("object");
    expect(schema.required?.sort()).toEqual(["events", "url"]);
    expect(schema.additionalProperties).toBe(false); // v.strictObject
    expect(schema.properties!.url).toMatchObject({ type: "string", format: "uri" });
    expect(schema.properties!.events.items!.enum).toEqual([...WEBHOOK_EVENTS]);
    expect(schema.properties!.events.minItems).toBe(1);
    // The same schema object the route validates with: what the document says is refused, is refused.
    expect(CreateWebhookBody.entries.events).toBeDefined();
  });

  it("has a request body for every route whose table row names one, and query parameters", async () => {
    const doc = await fetchDoc();
    const withBody = ROUTE_TABLE.filter((r) => r.body);
    expect(withBody.length).toBeGreaterThan(15);
    for (const r of withBody) {
      const op = doc.paths[r.path.replace(/:([A-Za-z]+)/g, "{$1}")][r.method.toLowerCase()];
      const schema = op.requestBody?.content["application/json"].schema;
      expect(schema?.type, `${r.method} ${r.path}`).toBe("object");
      expect(Object.keys(schema?.properties ?? {}).length, `${r.method} ${r.path}`).toBeGreaterThan(0);
    }
    const agentCreate = doc.paths["/api/agents"].post.requestBody!.content["application/json"].schema;
    expect(Object.keys(agentCreate.properties!).sort()).toEqual(Object.keys(CreateAgentBody.entries).sort());
    expect(agentCreate.properties!.role.enum).toEqual(["agent", "admin"]);

    const tickets = doc.paths["/api/agent/tickets"].get.parameters!;
    expect(tickets.find((p) => p.name === "status")).toMatchObject({
      in: "query",
      required: false,
      schema: { enum: ["open", "pending", "solved", "closed"] },
    });
    const redeliver = doc.paths["/api/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver"].post;
    expect(redeliver.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(["path:id", "path:deliveryId"]);
  });

  it("marks who may call each operation", async () => {
    const doc = await fetchDoc();
    expect(doc.paths["/api/health"].get.security).toBeUndefined();
    expect(doc.paths["/api/agents"].post.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [], csrfToken: [] }]);
    expect(doc.paths["/api/agents"].post.responses["403"]).toBeDefined();
    expect(doc.paths["/api/conversations/{id}"].get.security).toEqual([{ customerToken: [] }]);
  });
});
