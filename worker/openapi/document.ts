/**
 * Builds the OpenAPI 3.0 document from ROUTE_TABLE: request bodies and query parameters are converted
 * from the handlers' own valibot schemas with @valibot/to-json-schema (input side: what a client
 * sends, before trims and transforms). Built once per isolate and cached.
 */
import { toJsonSchema, type JsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { ROUTE_TABLE, type RouteAuth, type RouteDoc } from "./route-table";

type Json = Record<string, unknown>;

function schemaOf(schema: v.GenericSchema): JsonSchema {
  // "ignore": checks that JSON Schema cannot express (custom v.check) are enforced by the API only.
  return toJsonSchema(schema, { target: "openapi-3.0", typeMode: "input", errorMode: "ignore" });
}

const SECURITY: Partial<Record<RouteAuth, Json[]>> = {
  agent: [{ bearerAuth: [] }, { cookieAuth: [], csrfToken: [] }],
  admin: [{ bearerAuth: [] }, { cookieAuth: [], csrfToken: [] }],
  "agent-ws": [{ bearerAuth: [] }, { cookieAuth: [] }],
  customer: [{ customerToken: [] }],
  "customer-ws": [{ customerToken: [] }],
};

function operation(route: RouteDoc): Json {
  const parameters: Json[] = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  if (route.query) {
    const q = schemaOf(route.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
    }
  }
  const op: Json = {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: route.summary,
    tags: [route.tag],
    "x-handoff-auth": route.auth,
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, description]) => {
        const isError = Number(status) >= 400;
        return [
          status,
          isError
            ? { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }
            : { description },
        ];
      }),
    ),
  };
  if (parameters.length) op.parameters = parameters;
  if (route.body)
    op.requestBody = { required: true, content: { "application/json": { schema: schemaOf(route.body) } } };
  if (SECURITY[route.auth]) op.security = SECURITY[route.auth];
  if (route.auth === "agent" || route.auth === "admin" || route.auth === "agent-ws") {
    const responses = op.responses as Json;
    responses[401] ??= {
      description: "no valid session",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
    if (route.auth === "admin")
      responses[403] ??= {
        description: "not an admin (or missing X-CSRF-Token with the cookie)",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
  }
  return op;
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTE_TABLE) {
    const path = route.path.replace(/:([A-Za-z]+)/g, "{$1}");
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Handoff API",
      version: "1",
      description:
        "Customer-support chat: the customer, agent and admin HTTP API. Errors are `{ error: { code, message, details? } }`. The WebSocket protocol is described in schema/protocol.ts; webhooks in docs/webhooks.md.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Agent session token from POST /api/auth/token" },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: "handoff_session",
          description: "Console session cookie from POST /api/auth/login",
        },
        csrfToken: {
          type: "apiKey",
          in: "header",
          name: "X-CSRF-Token",
          description: "Required with the cookie on POST/PUT/PATCH/DELETE",
        },
        customerToken: {
          type: "apiKey",
          in: "query",
          name: "token",
          description: "Customer token from POST /api/conversations",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            },
          },
        },
      },
    },
  };
}

let cached: Json | undefined;
export function openApiDocument(): Json {
  return (cached ??= buildOpenApiDocument());
}
