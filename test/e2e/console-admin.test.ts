/**
 * The console's admin lists, edited in place in headless Chromium against a real `wrangler dev`: each edit
 * is checked through the API (what was stored) and, for the knowledge base, through a live conversation
 * (what the AI answers right after the edit).
 * Build first: `npm run build`. Run: npx vitest run --config test/e2e/vitest.config.ts test/e2e/console-admin.test.ts
 */
import { createHmac } from "node:crypto";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../schema/protocol";
import { Agent } from "./harness/agent";
import { launchBrowser, screenshot } from "./harness/browser";
import { signInToConsole } from "./harness/console";
import { Customer } from "./harness/customer";
import { startServer, type DevServer } from "./harness/server";

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let page: Page;
let adminToken = "";
/** Confirmation dialogs are dismissed unless a test sets this. */
let acceptDialogs = false;

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function signedInPage(email: string, password: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(ctx);
  const p = await ctx.newPage();
  p.on("dialog", (d) => (acceptDialogs ? d.accept() : d.dismiss()).catch(() => {}));
  await signInToConsole(p, server.url, email, password);
  await p.getByRole("button", { name: "Admin", exact: true }).click();
  return p;
}

async function openTab(p: Page, name: string): Promise<void> {
  await p.getByRole("navigation", { name: "Admin sections" }).getByRole("button", { name, exact: true }).click();
}

const row = (p: Page, text: string): Locator => p.locator("tbody tr", { hasText: text }).first();
const editForm = (p: Page): Locator => p.locator("tr.editing form");

async function startEditing(text: string): Promise<Locator> {
  await row(page, text).getByRole("button", { name: "Edit" }).click();
  const form = editForm(page);
  await form.waitFor();
  return form;
}

describe("console admin pages", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminToken = (await Agent.login(server.url, "admin@handoff.local", "demo-admin-pass")).token;
    page = await signedInPage("admin@handoff.local", "demo-admin-pass");
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function aiAnswerTo(question: string): Promise<string> {
    const customer = await Customer.start(server.url);
    try {
      customer.say(question);
      const answer = await customer.waitFor((f) => f.type === "entry" && f.entry.author.role === "ai");
      return (answer as { entry: TranscriptEntry }).entry.text;
    } finally {
      customer.close();
    }
  }

  it("knowledge base: an edited article is stored, and the AI answers from the new text at once", async () => {
    // A conversation before the edit: the running isolate now holds the knowledge base in its cache.
    expect(await aiAnswerTo("How much does express delivery cost?")).toContain("$12");
    await openTab(page, "Knowledge base");
    const form = await startEditing("Shipping times and costs");
    // The form starts from what is stored.
    expect(await form.getByLabel("Title").inputValue()).toBe("Shipping times and costs");
    const body = await form.getByLabel("Body").inputValue();
    expect(body).toContain("express delivery takes 1-2 business days and costs $12");
    expect(await form.getByLabel("Tags (comma separated)").inputValue()).toBe("shipping, delivery, international");

    await form.getByLabel("Title").fill("Shipping times and prices");
    await form.getByLabel("Body").fill(body.replace("costs $12", "costs $19"));
    await form.getByLabel("Tags (comma separated)").fill("shipping, delivery, express");
    await form.getByLabel("URL").fill("");
    await form.getByRole("button", { name: "Save article" }).click();
    await form.waitFor({ state: "detached" });
    await row(page, "Shipping times and prices").waitFor();
    await screenshot(page, "console-admin-01-kb-edited");

    const { article } = await get<{ article: { title: string; body: string; tags: string[]; url: string | null } }>(
      "/api/kb/articles/kb-shipping-times",
    );
    expect(article.title).toBe("Shipping times and prices");
    expect(article.body).toContain("costs $19");
    expect(article.tags).toEqual(["shipping", "delivery", "express"]);
    expect(article.url).toBeNull(); // cleared, not left as it was

    const after = await aiAnswerTo("How much does express delivery cost?");
    expect(after).toContain("$19");
    expect(after).not.toContain("$12");
  });

  it("teams: SLA, expected response and business hours; no day ticked means always open", async () => {
    await openTab(page, "Teams");
    let form = await startEditing("Billing");
    await form.getByLabel("SLA seconds").fill("600");
    await form.getByLabel(/^Expected response, own wording/).fill("within 2 hours");
    for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await form.getByLabel(day, { exact: true }).check();
    await form.getByLabel("Opens").fill("09:00");
    await form.getByLabel("Closes").fill("17:30");
    await form.getByLabel(/^Time zone/).fill("Europe/Berlin");
    await screenshot(page, "console-admin-02-team-editing");
    await form.getByRole("button", { name: "Save team" }).click();
    await form.waitFor({ state: "detached" });
    await row(page, "Mon Tue Wed Thu Fri 09:00–17:30 (Europe/Berlin)").waitFor();

    type Team = {
      slaSeconds: number;
      expectedResponse: string;
      businessHours: { tz: string; days: number[]; open: string; close: string } | null;
    };
    let { team } = await get<{ team: Team }>("/api/teams/billing");
    expect(team).toMatchObject({
      slaSeconds: 600,
      expectedResponse: "within 2 hours",
      businessHours: { tz: "Europe/Berlin", days: [1, 2, 3, 4, 5], open: "09:00", close: "17:30" },
    });

    // Reopened, the form shows the stored hours; unticking every day makes the team always open.
    form = await startEditing("Billing");
    expect(await form.getByLabel("Mon", { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel("Sun", { exact: true }).isChecked()).toBe(false);
    expect(await form.getByLabel("Opens").inputValue()).toBe("09:00");
    for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await form.getByLabel(day, { exact: true }).uncheck();
    await form.getByRole("button", { name: "Save team" }).click();
    await form.waitFor({ state: "detached" });
    ({ team } = await get<{ team: Team }>("/api/teams/billing"));
    expect(team.businessHours).toBeNull();
    expect(team.slaSeconds).toBe(600); // the other fields kept what the form held
    await expect.poll(() => row(page, "Billing").innerText()).toContain("always open");
  });

  it("a value the server refuses shows its message, keeps the form open and changes nothing", async () => {
    await openTab(page, "Teams");
    const form = await startEditing("Support");
    await form.getByLabel("SLA seconds").fill("5");
    await form.getByRole("button", { name: "Save team" }).click();
    await page.locator(".toast", { hasText: "slaSeconds" }).waitFor();
    expect(await form.isVisible()).toBe(true);
    const { team } = await get<{ team: { slaSeconds: number } }>("/api/teams/support");
    expect(team.slaSeconds).toBe(300);
    await form.getByRole("button", { name: "Cancel" }).click();
    await form.waitFor({ state: "detached" });
  });

  it("agents: role, teams and chat limit; an empty new password keeps the old one", async () => {
    await openTab(page, "Agents");
    const form = await startEditing("ana@handoff.local");
    expect(await form.getByLabel("Role").inputValue()).toBe("agent");
    await form.getByLabel("Role").selectOption("admin");
    await form.getByLabel("Teams (comma separated)").fill("billing, support");
    await form.getByLabel("Max concurrent chats").fill("5");
    await form.getByRole("button", { name: "Save agent" }).click();
    await form.waitFor({ state: "detached" });

    const { agent } = await get<{ agent: { role: string; teams: string[]; maxConcurrent: number } }>(
      "/api/agents/demo-ana",
    );
    expect(agent.role).toBe("admin");
    expect([...agent.teams].sort()).toEqual(["billing", "support"]);
    expect(agent.maxConcurrent).toBe(5);
    await Agent.login(server.url, "ana@handoff.local", "demo-agent-pass"); // throws unless the old password still works
  });

  it("canned responses: a new body, and clearing the team makes the response global", async () => {
    await openTab(page, "Canned responses");
    const form = await startEditing("/refund");
    expect(await form.getByLabel("Team (empty = all)").inputValue()).toBe("billing");
    await form.getByLabel("Body").fill("The refund is on its way: 5-10 business days to your original payment method.");
    await form.getByLabel("Team (empty = all)").fill("");
    await form.getByRole("button", { name: "Save canned response" }).click();
    await form.waitFor({ state: "detached" });
    const { cannedResponses } = await get<{
      cannedResponses: { shortcut: string; body: string; team: string | null }[];
    }>("/api/canned-responses");
    expect(cannedResponses.find((c) => c.shortcut === "refund")).toMatchObject({
      body: "The refund is on its way: 5-10 business days to your original payment method.",
      team: null,
    });
  });

  it("handoff triggers: the form shows the stored actions, and saving one change keeps the rest", async () => {
    await openTab(page, "Handoff triggers");
    // "Asked for a human" hands off at once by default; the other triggers offer a human first.
    const askAction = page.getByLabel("Asked for a human action");
    await askAction.waitFor();
    expect(await askAction.inputValue()).toBe("handoff");
    expect(await page.getByLabel("Low confidence action").inputValue()).toBe("offer");
    await page.getByLabel("Low confidence threshold").fill("0.4");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.locator(".toast", { hasText: "Settings saved." }).waitFor();
    type Effective = {
      effective: { lowConfidence: { threshold: number; action: string }; customerRequest: { action: string } };
    };
    const { effective } = await get<Effective>("/api/settings/handoff");
    expect(effective.lowConfidence).toMatchObject({ threshold: 0.4, action: "offer" });
    expect(effective.customerRequest.action).toBe("handoff");
  });

  it("webhooks: added with its secret shown once, paused and resumed, deliveries listed and sent again, secret rotated", async () => {
    await openTab(page, "Webhooks");
    // A public-looking name that never resolves (.invalid is reserved): every delivery fails. IP literals
    // such as 127.0.0.1 are refused at registration (docs/webhooks.md).
    const url = "https://hooks.handoff-e2e.invalid/hooks/handoff";
    const create = page.locator('form[aria-label="Add webhook"]');
    await create.getByLabel("Endpoint URL (https)").fill(url);
    await create.getByLabel("handoff.requested", { exact: true }).check();
    await create.getByLabel("ticket.created", { exact: true }).check();
    await create.getByRole("button", { name: "Add webhook" }).click();
    const secret = page.locator(".notice", { hasText: "Signing secret" }).locator("code");
    const first = await secret.innerText();
    expect(first).toMatch(/^whsec_[0-9a-f]{64}$/);
    type Hook = { id: string; url: string; events: string[]; disabled: boolean };
    const listed = await fetch(`${server.url}/api/admin/webhooks`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    const listedText = await listed.text();
    expect(listedText).not.toContain(first); // shown once, never listed
    const [hook] = (JSON.parse(listedText) as { webhooks: Hook[] }).webhooks;
    expect(hook).toMatchObject({ url, events: ["handoff.requested", "ticket.created"], disabled: false });

    let form = await startEditing(url);
    await form.getByLabel("Paused (nothing is sent)").check();
    await form.getByRole("button", { name: "Save webhook" }).click();
    await form.waitFor({ state: "detached" });
    expect((await get<{ webhook: Hook }>(`/api/admin/webhooks/${hook.id}`)).webhook.disabled).toBe(true);
    await expect.poll(() => row(page, url).innerText()).toContain("paused");
    form = await startEditing(url);
    expect(await form.getByLabel("Paused (nothing is sent)").isChecked()).toBe(true);
    await form.getByLabel("Paused (nothing is sent)").uncheck();
    await form.getByRole("button", { name: "Save webhook" }).click();
    await form.waitFor({ state: "detached" });
    expect((await get<{ webhook: Hook }>(`/api/admin/webhooks/${hook.id}`)).webhook.disabled).toBe(false);

    // A handoff makes a delivery; it fails (nobody listens), and the admin sends it again.
    const customer = await Customer.start(server.url);
    customer.send({ type: "request_human", id: customer.nextId() });
    await customer.waitFor((f) => f.type === "status" && (f.status === "queued" || f.status === "closed"));
    customer.close();
    await row(page, url).getByRole("button", { name: "Deliveries" }).click();
    const deliveries = page.getByRole("region", { name: "Deliveries" });
    const delivery = deliveries.locator("tbody tr", { hasText: "handoff.requested" });
    await expect
      .poll(
        async () => {
          await deliveries.getByRole("button", { name: "Refresh" }).click();
          return delivery.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await screenshot(page, "console-admin-03-webhook-deliveries");
    await delivery.getByRole("button", { name: "Redeliver" }).click();
    await page.locator(".toast", { hasText: "Queued for redelivery." }).waitFor();

    acceptDialogs = true;
    try {
      await row(page, url).getByRole("button", { name: "Rotate secret" }).click();
      await expect.poll(() => secret.innerText()).not.toBe(first);
      expect(await secret.innerText()).toMatch(/^whsec_[0-9a-f]{64}$/);
    } finally {
      acceptDialogs = false;
    }
  });

  it("sites: a generated identity secret is shown once and enforced; saving without one keeps it", async () => {
    await openTab(page, "Sites");
    const choose = page.locator('form[aria-label="Choose a site"]');
    await choose.getByLabel(/^Site id/).fill("shop-e2e");
    await choose.getByRole("button", { name: "Open" }).click();
    const form = page.locator('form[aria-label="Site shop-e2e"]');
    await form.getByText("Identity secret: not set").waitFor();
    await form.getByRole("button", { name: "Generate" }).click();
    const secret = await form.getByLabel(/^New identity secret/).inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await form.getByLabel(/^Require verification/).check();
    await form.getByRole("button", { name: "Save site" }).click();
    await page.locator(".notice", { hasText: secret }).waitFor();
    await form.getByText("Identity secret: set").waitFor();
    expect((await get<{ settings: object }>("/api/sites/shop-e2e")).settings).toEqual({
      requireVerification: true,
      identitySecretSet: true,
      // The daily AI budget (default) and today's use, shown beside the site's settings.
      aiTurnsPerDay: 2000,
      aiTurnsToday: 0,
      aiTurnsRefusedToday: 0,
    });

    // What the site's server does with it: an unsigned customer is refused, a signed one is verified.
    const start = (customer: object) =>
      fetch(`${server.url}/api/conversations`, {
        method: "POST",
        headers: { "content-type": "application/json", Origin: server.url },
        body: JSON.stringify({ site: "shop-e2e", customer }),
      });
    expect((await start({ userId: "c-7" })).status).toBe(401);
    expect(
      (await start({ userId: "c-7", userHash: createHmac("sha256", secret).update("c-7").digest("hex") })).status,
    ).toBe(201);

    // Turning the requirement off without typing a secret keeps the secret.
    await form.getByLabel(/^Require verification/).uncheck();
    await form.getByRole("button", { name: "Save site" }).click();
    await expect
      .poll(async () => (await get<{ settings: object }>("/api/sites/shop-e2e")).settings)
      .toEqual({
        requireVerification: false,
        identitySecretSet: true,
        aiTurnsPerDay: 2000,
        aiTurnsToday: 0,
        aiTurnsRefusedToday: 0,
      });
  });

  it("an agent who is not an admin sees the lists but no Edit buttons", async () => {
    const ben = await signedInPage("ben@handoff.local", "demo-agent-pass");
    await openTab(ben, "Knowledge base");
    await row(ben, "Shipping times and prices").waitFor();
    expect(await ben.getByRole("button", { name: "Edit" }).count()).toBe(0);
    expect(await ben.locator("form.create").count()).toBe(0);
  });
});
