// A team's expected response is an amount of a unit, rendered in the customer's language (Intl.NumberFormat's
// unit names, business days by the catalogue); the admin's own wording, when set, is used as-is.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-policy";
import type { Env } from "../../../worker/env";
import { expectedResponseOverride, formatExpectedResponse } from "../../../worker/languages/expected-response";
import { adminHeaders, api, code } from "../helpers/admin-api";
import { createConversation, openCustomer } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const TEAM = DEFAULT_HANDOFF_CONFIG.defaultTeam;
let headers: Record<string, string>;
/** Intl puts no-break spaces between a number and its unit (and French before a colon): compare as spaces. */
const plain = (text: string | undefined) => (text ?? "").replace(/\s/g, " ");
const say = (language: string, expected: Parameters<typeof formatExpectedResponse>[1]) =>
  plain(formatExpectedResponse(language, expected));

describe("formatting the expected response (pure)", () => {
  it("renders hours, minutes and days in each language through Intl", () => {
    expect(say("en", { amount: 4, unit: "hour", text: null })).toBe("within 4 hours");
    expect(say("fr", { amount: 4, unit: "hour", text: null })).toBe("4 heures maximum");
    expect(say("de", { amount: 30, unit: "minute", text: null })).toBe("innerhalb von 30 Minuten");
    expect(say("ja", { amount: 2, unit: "day", text: null })).toBe("最長で2 日");
    expect(say("ar", { amount: 2, unit: "hour", text: null })).toBe("خلال ساعتان");
  });

  it("renders business days with each language's plural, and English for a language without a catalogue", () => {
    expect(say("en", { amount: 1, unit: "business_day", text: null })).toBe("within one business day");
    expect(say("fr", { amount: 3, unit: "business_day", text: null })).toBe("3 jours ouvrés maximum");
    expect(say("es", { amount: 1, unit: "business_day", text: null })).toBe("1 día hábil como máximo");
    expect(say("zh", { amount: 2, unit: "business_day", text: null })).toBe("within 2 business days");
  });

  it("uses the admin's wording as-is in every language; empty or the legacy default is no wording", () => {
    expect(say("fr", { amount: 1, unit: "hour", text: "before noon" })).toBe("before noon");
    expect(expectedResponseOverride("")).toBeNull();
    expect(expectedResponseOverride("within one business day")).toBeNull();
    expect(expectedResponseOverride(" by Monday ")).toBe("by Monday");
  });
});

describe("a team's expected response through the admin API and the widget", () => {
  beforeAll(async () => {
    ({ headers } = await adminHeaders());
    const created = await api("/api/teams", { method: "POST", headers, body: { id: TEAM, name: "Support" } });
    expect([201, 409]).toContain(created.status);
  });

  it("validates the amount, the unit and the window with bad_request, and changes nothing", async () => {
    for (const body of [
      { expectedResponseUnit: "fortnight" },
      { expectedResponseAmount: 0 },
      { expectedResponseAmount: 2.5 },
      { languageWindowSeconds: -1 },
      { languageWindowSeconds: 7200 },
      { expectedResponse: "" },
    ]) {
      const res = await api(`/api/teams/${TEAM}`, { method: "PATCH", headers, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await code(res)).toBe("bad_request");
    }
    const team = (await (await api(`/api/teams/${TEAM}`, { headers })).json()) as { team: Record<string, unknown> };
    expect(team.team).toMatchObject({ expectedResponseAmount: 1, expectedResponseUnit: "business_day" });
  });

  it("a French customer with nobody online reads the expected response in French", async () => {
    const res = await api(`/api/teams/${TEAM}`, {
      method: "PATCH",
      headers,
      body: { expectedResponseAmount: 4, expectedResponseUnit: "hour", expectedResponse: null },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { team: Record<string, unknown> }).team).toMatchObject({
      expectedResponse: null,
      expectedResponseAmount: 4,
      expectedResponseUnit: "hour",
    });
    const { conversationId, token } = await createConversation({ locale: "fr" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "request_human", id: "h1" });
    const offline = await client.next("entry", (f) => f.entry.event === "no_agent_online");
    expect(plain(offline.entry.text)).toContain("(délai prévu : 4 heures maximum)");
    expect(plain(offline.entry.meta?.expectedResponse as string)).toBe("4 heures maximum");
    client.send({ type: "contact", id: "c1", email: "client@example.fr" });
    const ticket = await client.next("entry", (f) => f.entry.event === "ticket_created");
    expect(plain(ticket.entry.text)).toContain("4 heures maximum");
    client.close();
  });

  it("the admin's own wording is used as-is, in French too", async () => {
    const res = await api(`/api/teams/${TEAM}`, {
      method: "PATCH",
      headers,
      body: { expectedResponse: "avant midi" },
    });
    expect(res.status).toBe(200);
    const { conversationId, token } = await createConversation({ locale: "fr" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "request_human", id: "h1" });
    const offline = await client.next("entry", (f) => f.entry.event === "no_agent_online");
    expect(plain(offline.entry.text)).toContain("(délai prévu : avant midi)");
    client.close();
  });
});
