// Per-language knowledge-base versions: admins write them through the API, and the AI answers a customer
// from the version in their language, citing that version, or says in their language that the answer is English.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_KB_VERSIONS } from "../../../schema/seed/demo-kb-versions";
import type { Env } from "../../../worker/env";
import { customerCopy } from "../../../worker/languages/customer-copy";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { createConversation, openCustomer, worker } from "../helpers/sockets";

const testEnv = env as unknown as Env;
let admin: string;
let agent: string;

function call(method: string, path: string, bearer: string, body?: unknown) {
  return worker().fetch(`http://localhost/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
  admin = await mintAgentSession(testEnv, (await createAgent(testEnv, { role: "admin" })).id);
  agent = await mintAgentSession(testEnv, (await createAgent(testEnv)).id);
  for (const v of DEMO_KB_VERSIONS) {
    const res = await call("PUT", `/kb/articles/${v.articleId}/versions/${v.language}`, admin, {
      title: v.title,
      body: v.body,
      url: v.url,
    });
    expect(res.status).toBe(200);
  }
});

async function ask(locale: string, text: string) {
  const { conversationId, token } = await createConversation({ locale });
  const client = await openCustomer(conversationId, token);
  await client.hello(0);
  client.send({ type: "message", id: "q1", text });
  const answer = await client.next("entry", (f) => f.entry.author.role === "ai");
  client.close();
  return answer.entry;
}

describe("article versions through the admin API", () => {
  it("lists an article's versions to any agent", async () => {
    const res = await call("GET", "/kb/articles/kb-billing-cancellation/versions", agent);
    expect(res.status).toBe(200);
    const { versions } = (await res.json()) as { versions: { language: string; title: string }[] };
    expect(versions.map((v) => v.language)).toEqual(["es", "fr"]);
    expect(versions[0].title).toBe("Cancelar tu suscripción");
  });

  it("lets only admins write", async () => {
    const res = await call("PUT", "/kb/articles/kb-billing-cancellation/versions/de", agent, { title: "x", body: "y" });
    expect(res.status).toBe(403);
  });

  it("refuses English, unsupported languages and unknown articles with stable codes", async () => {
    const body = { title: "T", body: "B" };
    for (const language of ["en", "xx", "es-ES", "zh"]) {
      const res = await call("PUT", `/kb/articles/kb-billing-cancellation/versions/${language}`, admin, body);
      expect(res.status, language).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_language");
    }
    const missing = await call("PUT", "/kb/articles/no-such-article/versions/es", admin, body);
    expect(missing.status).toBe(404);
    const unsafe = await call("PUT", "/kb/articles/kb-billing-cancellation/versions/de", admin, {
      ...body,
      url: "javascript:alert(1)",
    });
    expect(unsafe.status).toBe(400);
  });

  it("replaces a version in place and deletes it", async () => {
    const put = (title: string) =>
      call("PUT", "/kb/articles/kb-shipping-times/versions/de", admin, { title, body: "Text." });
    expect((await put("Lieferzeiten")).status).toBe(200);
    const replaced = (await (await put("Versandzeiten")).json()) as { version: { title: string } };
    expect(replaced.version.title).toBe("Versandzeiten");
    expect((await call("DELETE", "/kb/articles/kb-shipping-times/versions/de", admin)).status).toBe(200);
    expect((await call("DELETE", "/kb/articles/kb-shipping-times/versions/de", admin)).status).toBe(404);
  });
});

describe("answers in the customer's language", () => {
  it("cites the Spanish version for a Spanish question and answers from it", async () => {
    const entry = await ask("es", "¿Cómo puedo restablecer mi contraseña?");
    expect(entry.meta?.citations?.[0]).toMatchObject({
      id: "kb-account-password-reset",
      title: "Restablecer tu contraseña",
      language: "es",
      url: "/help/kb-account-password-reset?lang=es",
    });
    expect(entry.text).toContain("contraseña");
    expect(entry.text).not.toContain(customerCopy("es").answerInEnglish);
  });

  it("cites the French version for a French question", async () => {
    const entry = await ask("fr", "Comment résilier mon abonnement ?");
    expect(entry.meta?.citations?.[0]).toMatchObject({ id: "kb-billing-cancellation", language: "fr" });
    expect(entry.text).toContain("résilier");
  });

  it("without a version in the customer's language, says in it that the answer is in English and gives it", async () => {
    const entry = await ask(
      "fr",
      "Comment activer la 2FA (two-factor authentication) sur mon compte, s'il vous plaît ?",
    );
    expect(entry.meta?.citations?.[0]).toMatchObject({ id: "kb-account-2fa", language: "en" });
    expect(entry.text).toMatch(new RegExp(`^${customerCopy("fr").answerInEnglish}`));
  });

  it("an English conversation still gets the English original", async () => {
    const entry = await ask("en", "How do I reset my password?");
    expect(entry.meta?.citations?.[0]).toMatchObject({ id: "kb-account-password-reset", language: "en" });
    expect(entry.text).not.toContain("contraseña");
  });

  it("shows a version on the help page with ?lang", async () => {
    const res = await worker().fetch("http://localhost/help/kb-billing-cancellation?lang=es");
    const page = await res.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain("Cancelar tu suscripción");
  });
});
