/**
 * `jsonBody(schema, { maxBytes })`: the one reader of JSON request bodies. Hono's bodyLimit caps the
 * size (by Content-Length, or while streaming when there is none), then the text is parsed and checked
 * with valibot; the handler reads the typed result with `c.req.valid("json")`.
 *
 * Refusals are thrown as ApiError (rendered by `handleApiError`, the app's onError) in the API's error
 * shape: 413 `too_large`, 400 `bad_request` (not JSON, or not the schema: the message names the
 * offending field and `details` lists every issue). An empty body is `undefined`, so a schema wrapped in
 * `v.optional(..., default)` accepts it.
 */
import type { Context, Env as HonoEnv, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as v from "valibot";
import { ApiError } from "./errors";
import { validate } from "./validate";

/** Largest JSON body the agent and admin API accepts (KB articles are the biggest legitimate bodies). */
export const MAX_JSON_BYTES = 256 * 1024;
/** Customer routes are public and their bodies are small (a name, an email, a few attributes). */
export const MAX_CUSTOMER_JSON_BYTES = 16 * 1024;

export interface JsonBodyOptions {
  maxBytes?: number;
}

type JsonInput<S extends v.GenericSchema> = {
  in: { json: v.InferInput<S> };
  out: { json: v.InferOutput<S> };
};

/** Caps, reads, parses and validates the body; throws ApiError 413 `too_large` or 400 `bad_request`. */
async function readBody<S extends v.GenericSchema>(c: Context, schema: S, maxBytes: number): Promise<v.InferOutput<S>> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "too_large", `Body is larger than ${maxBytes} bytes.`);
    },
  });
  let text = "";
  await limit(c, async () => {
    text = await c.req.text();
  });
  let body: unknown;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "Body is not valid JSON.");
  }
  return validate(schema, body);
}

export function jsonBody<S extends v.GenericSchema, E extends HonoEnv = HonoEnv, P extends string = string>(
  schema: S,
  options: JsonBodyOptions = {},
): MiddlewareHandler<E, P, JsonInput<S>> {
  const maxBytes = options.maxBytes ?? MAX_JSON_BYTES;
  return async (c, next) => {
    c.req.addValidatedData("json", (await readBody(c, schema, maxBytes)) as object);
    await next();
  };
}

/** The same reader called from inside a handler, for a handler that cannot take the middleware. */
export function readJson<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  options: JsonBodyOptions = {},
): Promise<v.InferOutput<S>> {
  return readBody(c, schema, options.maxBytes ?? MAX_JSON_BYTES);
}
