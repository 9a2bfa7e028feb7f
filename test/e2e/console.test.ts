/**
 * Agent console end to end: headless Debian Chromium (playwright-core) against a real `wrangler dev`
 * (test/e2e/harness). The customer side speaks schema/protocol.ts over a Node WebSocket, so every
 * assertion about what the customer receives is on the raw frames.
 * Build first: `npm run build`. Run: npx vitest run --config test/e2e/vitest.config.ts test/e2e/console.test.ts
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../schema/protocol";
import { launchBrowser, screenshot } from "./harness/browser";
import { signInToConsole } from "./harness/console";
import { Customer } from "./harness/customer";
import { startServer, type DevServer } from "./harness/server";

const XSS = "<img src=x onerror=alert(1)>";

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];

async function consoleAs(email: string, password: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await signInToConsole(page, server.url, email, password);
  return page;
}

describe("agent console", () => {
  let ben: Page;
  let ana: Page;
  let customer: Customer;
  let returning: Customer;
  let benName = "";

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A canned response for the "/" shortcut, created by the admin over the API (bearer token, no CSRF).
    const login = await fetch(`${server.url}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@handoff.local", password: "demo-admin-pass" }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${server.url}/api/canned-responses`, {
      method: "POST",
      headers: { "content-type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        shortcut: "thx",
        title: "Thanks for waiting",
        body: "Thanks for waiting, I am checking this for you.",
      }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    customer?.close();
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it("shows a protocol-started handoff in the queue live, with trigger badge and summary", async () => {
    ben = await consoleAs("ben@handoff.local", "demo-agent-pass");
    benName = (await ben.evaluate(() => fetch("/api/auth/me").then((r) => r.json()))).agent.name;
    await screenshot(ben, "console-01-empty-queue");

    customer = await Customer.start(server.url);
    customer.say("My package has not arrived and the tracking page shows nothing.");
    await customer.waitFor((f) => f.type === "entry" && f.entry.author.role === "ai");
    customer.say(XSS);
    await customer.waitFor((f) => f.type === "entry" && f.entry.text === XSS);
    const reqId = customer.nextId();
    customer.send({ type: "request_human", id: reqId });
    await customer.waitFor((f) => f.type === "status" && f.status === "queued");

    const card = ben.locator(`.card[data-id="${customer.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.locator(".badge.trigger").textContent()).resolves.toBe("Asked for a human");
    await expect(card.textContent()).resolves.toContain("Carla Customer");
    await expect(card.textContent()).resolves.toContain("carla@example.com");
    const row = (await ben.evaluate(() => fetch("/api/agent/conversations/queue").then((r) => r.json()))).queue.find(
      (r: { id: string }) => r.id === customer.id,
    );
    expect(row.summary).toBeTruthy();
    const summaryShown = (await card.locator(".summary").textContent())!;
    expect(summaryShown.length).toBeGreaterThan(0);
    expect(row.summary.startsWith(summaryShown.slice(0, 20))).toBe(true);
    await screenshot(ben, "console-02-queue-with-handoff");
  });

  it("claims: the customer sees the agent join; context panel shows the trigger", async () => {
    await ben.locator(`.card[data-id="${customer.id}"]`).click();
    await ben.getByRole("button", { name: "Claim" }).click();
    const joined = await customer.waitFor((f) => f.type === "entry" && f.entry.event === "agent_joined");
    expect((joined as { entry: TranscriptEntry }).entry.text).toBe(`${benName} joined`);
    await ben.locator(".context").getByText("Asked for a human").waitFor();
    await ben.locator(".context").getByText("A-1001").first().waitFor();
    await ben.locator(".conv-head", { hasText: "assigned to you" }).waitFor();
  });

  it("replies both ways with typing indicators", async () => {
    const box = ben.getByLabel("Reply", { exact: true });
    await box.fill("Hi Carla, I am looking at your order now.");
    await customer.waitFor((f) => f.type === "typing" && f.role === "agent" && f.on);
    await box.press("Enter");
    await customer.waitFor(
      (f) =>
        f.type === "entry" &&
        f.entry.author.role === "agent" &&
        f.entry.text === "Hi Carla, I am looking at your order now.",
    );
    await ben.locator(".entry.agent .text", { hasText: "looking at your order" }).waitFor();
    await ben.locator(".entry.pending").waitFor({ state: "detached" });

    // "/" opens the canned responses; Tab inserts the chosen one, Enter sends it.
    await box.fill("/thx");
    await ben.getByRole("listbox", { name: "Canned responses" }).getByText("Thanks for waiting").waitFor();
    await box.press("Tab");
    expect(await box.inputValue()).toBe("Thanks for waiting, I am checking this for you.");
    await box.press("Enter");
    await customer.waitFor(
      (f) => f.type === "entry" && f.entry.text === "Thanks for waiting, I am checking this for you.",
    );

    customer.send({ type: "typing", on: true });
    await ben.getByText("Carla Customer is typing…").waitFor();
    customer.say("Thank you! Order A-1001.");
    await ben.locator(".entry.customer .text", { hasText: "Thank you! Order A-1001." }).waitFor();
    await screenshot(ben, "console-03-conversation");
  });

  it("renders an XSS payload as text and no dialog fires", async () => {
    const el = ben.locator(".transcript .entry.customer .text", { hasText: XSS });
    await el.waitFor();
    expect(await el.textContent()).toBe(XSS);
    expect(await ben.locator(".transcript img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("posts an internal note that never reaches the customer", async () => {
    await ben.getByLabel("Internal note Alt+N").check();
    const box = ben.getByLabel("Internal note (never sent to the customer)");
    await box.fill("Secret note: customer is a VIP xyzzy");
    await box.press("Enter");
    await ben.locator(".entry.note .text", { hasText: "xyzzy" }).waitFor();
    await ben.locator(".entry.pending").waitFor({ state: "detached" });
    // Give the server time to (wrongly) fan it out, then check every raw frame the customer got.
    customer.say("Are you still there?");
    await customer.waitFor((f) => f.type === "entry" && f.entry.text === "Are you still there?");
    await new Promise((ok) => setTimeout(ok, 500));
    expect(customer.raw.some((r) => r.includes("xyzzy"))).toBe(false);
    await ben.getByLabel("Reply to customer").check();
  });

  it("transfers to another agent (second browser context) who receives it with the note", async () => {
    ana = await consoleAs("ana@handoff.local", "demo-agent-pass");
    const anaId = (await ana.evaluate(() => fetch("/api/auth/me").then((r) => r.json()))).agent.id;
    await ben.getByRole("button", { name: "Transfer" }).click();
    await ben.getByLabel("To", { exact: true }).selectOption(`agent:${anaId}`);
    await ben.getByLabel("Note for the next agent").fill("Refund approved up to 20 EUR, please finish");
    await ben.locator("form.dialog").getByRole("button", { name: "Transfer" }).click();

    const tab = ana.locator(`[data-tab="${customer.id}"]`);
    await tab.waitFor({ timeout: 15_000 });
    await tab.click();
    await ana.locator(".notice", { hasText: "Refund approved up to 20 EUR" }).waitFor();
    await ana.locator(".entry.system .sys-note", { hasText: "Refund approved up to 20 EUR" }).waitFor();
    await ana.locator(".conv-head", { hasText: "assigned to you" }).waitFor();
    // Ana sees the whole transcript, notes included.
    await ana.locator(".entry.note .text", { hasText: "xyzzy" }).waitFor();
    await screenshot(ana, "console-04-transferred");
    await customer.waitFor((f) => f.type === "entry" && f.entry.event === "transferred");
    expect(customer.raw.some((r) => r.includes("Refund approved"))).toBe(false);
  });

  it("an admin sees no Claim on a conversation another agent holds, as the server refuses it, but may transfer or close", async () => {
    const root = await consoleAs("admin@handoff.local", "demo-admin-pass");
    // The tab is restored on reload, as for any agent who had it open.
    await root.evaluate((id) => localStorage.setItem("handoff.console.tabs", JSON.stringify([id])), customer.id);
    await root.reload();
    await root.locator(`[data-tab="${customer.id}"]`).click();
    await root.locator(".conv-head", { hasText: "with " }).waitFor();
    await root.getByRole("button", { name: "Transfer" }).and(root.locator(":enabled")).waitFor();
    expect(await root.getByRole("button", { name: "Claim" }).count()).toBe(0);
    await expect(root.getByRole("button", { name: "Hand back to AI" }).isEnabled()).resolves.toBe(true);
    await expect(root.getByRole("button", { name: "Close", exact: true }).isEnabled()).resolves.toBe(true);
    // The server agrees: the admin's claim is refused, and the conversation stays with its agent.
    const claim = await root.evaluate(async (id) => {
      const csrf = sessionStorage.getItem("handoff.console.csrf") ?? "";
      const res = await fetch(`/api/agent/conversations/${id}/claim`, {
        method: "POST",
        headers: { "X-CSRF-Token": csrf },
      });
      return { status: res.status, body: await res.json() };
    }, customer.id);
    expect(claim.status).toBe(409);
    expect(claim.body.error.code).toBe("already_claimed");
    await ana.locator(".conv-head", { hasText: "assigned to you" }).waitFor();
  });

  it("hands back to the AI, then closes; the customer's CSAT is recorded", async () => {
    await ana.getByRole("button", { name: "Hand back to AI" }).click();
    await customer.waitFor((f) => f.type === "entry" && f.entry.event === "handed_back");
    await customer.waitFor((f) => f.type === "status" && f.status === "bot");
    await ana.locator(".conv-head .status", { hasText: "bot" }).waitFor();

    await ana.getByRole("button", { name: "Close", exact: true }).click();
    await customer.waitFor((f) => f.type === "entry" && f.entry.event === "closed");
    const csatId = customer.nextId();
    customer.send({ type: "csat", id: csatId, score: 5, comment: "Great help" });
    await customer.waitFor((f) => f.type === "ack" && f.id === csatId);
    await customer.waitFor((f) => f.type === "entry" && f.entry.event === "csat_received");
    await ana.locator('.entry.system[data-event="csat_received"]').waitFor();
    await screenshot(ana, "console-05-closed-csat");
  });

  it("reports count the conversation, its handoff trigger and the CSAT", async () => {
    // D1 rows (handoff, CSAT) are written through the conversation's outbox: wait until they landed.
    const deadline = Date.now() + 20_000;
    let report: { csat: { count: number }; handoffsByTrigger: Record<string, number> } | null = null;
    while (Date.now() < deadline) {
      report = (
        await ana.evaluate(() =>
          fetch(`/api/agent/reports?from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`).then((r) => r.json()),
        )
      ).report;
      if (report && report.csat.count >= 1 && report.handoffsByTrigger.customer_request >= 1) break;
      await new Promise((ok) => setTimeout(ok, 500));
    }
    expect(report!.csat.count).toBe(1);
    await ana.getByRole("button", { name: "Reports" }).click();
    await ana.locator('[data-stat="csat"]', { hasText: "5.00" }).waitFor();
    await ana.locator('[data-stat="conversations"] .big').waitFor();
    expect(Number(await ana.locator('[data-stat="conversations"] .big').textContent())).toBeGreaterThanOrEqual(1);
    await ana.locator("svg.bars", { hasText: "Asked for a human" }).waitFor();
    await screenshot(ana, "console-06-reports");
  });

  it("search finds the closed conversation; tablet width renders", async () => {
    await ben.getByRole("button", { name: "Search" }).click();
    await ben.getByLabel("Text, customer or id").fill("carla");
    await ben.getByRole("button", { name: "Search", exact: true }).last().click();
    await ben.locator(".results", { hasText: "Carla Customer" }).waitFor();
    await ben.setViewportSize({ width: 820, height: 1100 });
    await ben.locator(`[data-tab="${customer.id}"]`).click();
    await ben.locator(".context").waitFor();
    await screenshot(ben, "console-07-tablet");
  });

  it("keeps a typed draft across a session expiry and re-login", async () => {
    await ben.setViewportSize({ width: 1280, height: 800 });
    const c2 = (returning = await Customer.start(server.url)); // Carla again, same email
    c2.send({ type: "request_human", id: c2.nextId() });
    const card = ben.locator(`.card[data-id="${c2.id}"]`);
    await ben.getByRole("button", { name: /^Queue/ }).click();
    await card.waitFor({ timeout: 15_000 });
    await card.click();
    await ben.getByRole("button", { name: "Claim" }).click();
    await ben.getByLabel("Reply", { exact: true }).fill("A draft I must not lose");
    // Expire the session server-side (logout from outside the console), then make the console notice.
    await ben.evaluate(() =>
      fetch("/api/auth/logout", {
        method: "POST",
        headers: { "X-CSRF-Token": sessionStorage.getItem("handoff.console.csrf") ?? "" },
      }),
    );
    // Either the dropped lobby socket or the next API call (a 401) sends the console to login.
    await ben
      .getByRole("button", { name: "Search" })
      .click({ timeout: 3000 })
      .catch(() => {});
    await ben
      .getByRole("button", { name: "Search", exact: true })
      .last()
      .click({ timeout: 3000 })
      .catch(() => {});
    await ben.getByText("Your session ended").waitFor();
    await ben.getByLabel("Email").fill("ben@handoff.local");
    await ben.getByLabel("Password").fill("demo-agent-pass");
    await ben.getByRole("button", { name: "Sign in" }).click();
    // The restored tabs load their context (names) first; click once the tab bar has settled.
    await ben.locator(`[data-tab="${c2.id}"]`, { hasText: "Carla" }).waitFor();
    await ben.locator(`[data-tab="${customer.id}"]`, { hasText: "Carla" }).waitFor();
    await ben.locator(`[data-tab="${c2.id}"]`).click();
    await ben.locator(".conv-head", { hasText: "assigned to you" }).waitFor();
    expect(await ben.getByLabel("Reply", { exact: true }).inputValue()).toBe("A draft I must not lose");
    await ben.getByLabel("Reply", { exact: true }).press("Enter");
    await ben
      .locator(".entry.pending")
      .waitFor({ state: "detached" })
      .catch(() => {});
    await screenshot(ben, "console-08-draft-after-relogin");
    await c2.waitFor((f) => f.type === "entry" && f.entry.text === "A draft I must not lose");
    c2.close();
  });

  it("lists the returning customer's earlier conversation, marked as matched by email only, and opens it", async () => {
    await ben.locator(`[data-tab="${returning.id}"]`).click();
    const item = ben
      .getByRole("region", { name: "Earlier conversations" })
      .locator("li", { hasText: "same email, not verified" });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain("closed");
    await screenshot(ben, "console-09-earlier-conversations");
    await item.getByRole("button").click();
    await ben.locator(`[data-tab="${customer.id}"][aria-current="page"]`).waitFor();
    await ben.locator(".entry", { hasText: "My package has not arrived" }).first().waitFor();
  });
});
