/** GET /api/openapi.json: public, like any API description (it holds no secrets, only shapes). */
import { Hono } from "hono";
import type { Env } from "../env";
import { openApiDocument } from "./document";

export const openApiRoutes = new Hono<{ Bindings: Env }>();
openApiRoutes.get("/", (c) => c.json(openApiDocument()));
