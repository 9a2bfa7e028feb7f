/**
 * Customer data in the console, in headless Chromium against a real `wrangler dev`: an admin finds a
 * customer by email, downloads their export (the file holds their transcript), erases them after a
 * confirmation (the API then finds nothing), and the audit log page shows both actions.
 * Build first: `npm run build`. Run: npx vitest run --config test/e2e/vitest.config.ts test/e2e/privacy.test.ts
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "./harness/agent";
import { launchBrowser, screenshot } from "./harness/browser";
import { signInToConsole } from "./harness/console";
import { Customer } from "./harness/customer";
import { startServer, type DevServer } from "./harness/server";

let server: DevServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let adminToken = "";
const EMAIL = "carla@example.com";

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function openTab(name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("button", { name, exact: true }).click();
}

describe("customer data in the console", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminToken = (await Agent.login(server.url, "admin@handoff.local", "demo-admin-pass")).token;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on("dialog", (d) => d.accept().catch(() => {}));
    await signInToConsole(page, server.url, "admin@handoff.local", "demo-admin-pass");
    await page.getByRole("button", { name: "Admin", exact: true }).click();
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it("exports, then erases a customer, and the audit log shows both", async () => {
    const customer = await Customer.start(server.url);
    const said = customer.say("Please forget my address PRIV-4242");
    await customer.waitFor((f) => f.type === "ack" && f.id === said);
    customer.close();
    // The D1 index is written by the conversation's outbox: wait until search finds it.
    for (let i = 0; i < 50; i++) {
      const { conversations } = await get<{ conversations: unknown[] }>(
        `/api/agent/conversations?q=${encodeURIComponent(EMAIL)}`,
      );
      if (conversations.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    await openTab("Customers");
    await page.getByLabel("Customer email").fill(EMAIL);
    await page.getByRole("button", { name: "Find customer" }).click();
    const found = page.getByRole("region", { name: `Customer ${EMAIL}` });
    await found.getByText("1 conversation with").waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      found.getByRole("button", { name: "Export" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^customer-export-\d+\.json$/);
    const exported = JSON.parse(readFileSync((await download.path()) as string, "utf8")) as {
      conversations: { id: string; transcript: { text: string }[] }[];
    };
    expect(exported.conversations.map((c) => c.id)).toEqual([customer.id]);
    expect(exported.conversations[0].transcript.map((e) => e.text)).toContain("Please forget my address PRIV-4242");

    await found.getByRole("button", { name: "Erase" }).click();
    await page.getByRole("status").getByText("Erasure done: 1 of 1 conversations erased.").waitFor();
    await screenshot(page, "privacy-erased");

    const after = await get<{ conversations: unknown[] }>(`/api/agent/conversations?q=PRIV-4242`);
    expect(after.conversations).toEqual([]);
    const gone = await fetch(`${server.url}/api/conversations/${customer.id}`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(gone.status).not.toBe(200);

    await openTab("Audit log");
    const log = page.getByRole("table", { name: "Audit log" });
    await log.locator("tr", { hasText: "customer.erase" }).first().waitFor();
    await expect(log.locator("tr", { hasText: "customer.export" }).count()).resolves.toBe(1);
    await expect(log.locator("tr", { hasText: "customer.erase" }).first().textContent()).resolves.toContain(
      "Avery Admin",
    );
    await screenshot(page, "privacy-audit-log");
  });
});
