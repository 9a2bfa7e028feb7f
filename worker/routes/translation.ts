/**
 * Translation for agents (worker/languages/translation.ts). Mounted under /api/agent/translation.
 *
 *   GET  /    any agent   { available, model }   whether this deployment can translate (production: yes)
 *   POST /    any agent   { translation, from, to, model }
 *             body { text, from, to }; 503 `translation_unavailable` without the AI binding (local mode),
 *             502 `translation_failed` when the model errs or returns nothing
 */
import { Hono } from "hono";
import * as v from "valibot";
import { LanguageTag } from "../../schema/languages";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { ApiError, handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import {
  MAX_TRANSLATION_CHARS,
  TRANSLATION_MODEL,
  TranslationError,
  type Translator,
  translatorFor,
} from "../languages/translation";

// Exported for the OpenAPI document (worker/openapi).
export const TranslateBody = v.strictObject({
  text: v.pipe(v.string(), v.trim(), v.minLength(1, "text is empty"), v.maxLength(MAX_TRANSLATION_CHARS)),
  from: LanguageTag,
  to: LanguageTag,
});

/** Tests give the routes a translator over a fake binding; the product uses the deployment's. */
export function translationRoutes(translator: (env: AgentHonoEnv["Bindings"]) => Translator | null = translatorFor) {
  const routes = new Hono<AgentHonoEnv>();
  routes.onError(handleApiError);
  routes.use("*", requireAgent());
  routes.get("/", (c) => c.json({ available: translator(c.env) !== null, model: TRANSLATION_MODEL }));
  routes.post("/", jsonBody(TranslateBody), async (c) => {
    const { text, from, to } = c.req.valid("json");
    const translate = translator(c.env);
    if (!translate)
      throw new ApiError(
        503,
        "translation_unavailable",
        "Translation needs the Workers AI binding, which only the production deployment has.",
      );
    try {
      return c.json(await translate.translate(text, from, to));
    } catch (error) {
      if (error instanceof TranslationError) throw new ApiError(502, error.code, error.message);
      throw error;
    }
  });
  return routes;
}
