/**
 * Agent assist end to end (docs/assist.md): headless Chromium against a real `wrangler dev`.
 * - The agent clicks "Suggest reply", edits the draft, sends it, and the customer receives it (AI-drafted, with
 *   its edit distance on the entry).
 * - "That helped" in the widget records a confirmed resolution, which the report counts.
 * - The widget at 390×844 with the on-screen keyboard open (emulated: the viewport shrinks to what the keyboard
 *   leaves) fills the screen, keeps the composer visible and the page behind it still.
 * - The knowledge-gaps report shows a handed-off question.
 * Screenshots go to test/artifacts/ and, for the docs, docs/assist-*.png.
 * Build first: `npm run build`. Run: npx vitest run -c test/e2e/vitest.config.ts test/e2e/assist.test.ts
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../schema/protocol";
import { Agent } from "./harness/agent";
import { launchBrowser, screenshot } from "./harness/browser";
import { signInToConsole } from "./harness/console";
import { Customer } from "./harness/customer";
import { ROOT, startServer, type DevServer } from "./harness/server";

let server: DevServer;
let browser: Browser;
let admin: Agent;
const contexts: BrowserContext[] = [];
const customers: Customer[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await Agent.login(server.url, "admin@handoff.local", "demo-admin-pass");
});

afterAll(async () => {
  for (const c of customers) c.close();
  for (const c of contexts) await c.close().catch(() => {});
  admin?.close();
  await browser?.close();
  await server?.stop();
});

/** A screenshot in test/artifacts/ and a copy in docs/ for docs/assist.md. */
async function docShot(page: Page, name: string): Promise<void> {
  const path = await screenshot(page, name);
  copyFileSync(path, join(ROOT, "docs", `${name}.png`));
}

async function newPage(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true } : {}) });
  contexts.push(context);
  return context.newPage();
}

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, {
    headers: { Authorization: `Bearer ${admin.token}`, Origin: server.url },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

const inWidget = (page: Page, css: string) => page.locator(`handoff-widget ${css}`);

async function openWidget(page: Page): Promise<void> {
  await page.goto(`${server.url}/`);
  await inWidget(page, "button.l").click();
  await inWidget(page, "textarea").waitFor();
}

async function ask(page: Page, text: string): Promise<void> {
  await inWidget(page, "textarea").fill(text);
  await page.keyboard.press("Enter");
}

describe("agent assist", () => {
  it('"Suggest reply": the agent edits the grounded draft and sends it; the customer receives it', async () => {
    const customer = await Customer.start(server.url);
    customers.push(customer);
    customer.say("How do I reset my password?");
    await customer.waitFor((f) => f.type === "entry" && f.entry.author.role === "ai");
    customer.send({ type: "request_human", id: customer.nextId() });
    await customer.waitFor((f) => f.type === "status" && f.status === "queued");

    const ben = await newPage({ width: 1280, height: 860 });
    await signInToConsole(ben, server.url, "ben@handoff.local", "demo-agent-pass");
    await ben.locator(`.card[data-id="${customer.id}"]`).click({ timeout: 15_000 });
    await ben.getByRole("button", { name: "Claim" }).click();
    await ben.locator(".conv-head", { hasText: "assigned to you" }).waitFor();

    await ben.getByTestId("suggest-reply").click();
    const box = ben.getByLabel("Reply", { exact: true });
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toContain("Forgot password");
    await ben.getByTestId("draft-sources").getByText("Resetting your password").waitFor();
    const draft = await box.inputValue();
    await docShot(ben, "assist-suggest-reply");
    const edited = `Hi Carla, here is how: ${draft}`;
    await box.fill(edited);
    await box.press("Enter");
    const got = (await customer.waitFor((f) => f.type === "entry" && f.entry.author.role === "agent")) as {
      entry: TranscriptEntry;
    };
    expect(got.entry.text).toBe(edited);
    expect(customer.raw.some((r) => r.includes("editDistance"))).toBe(false);
    const { context } = await api<{ context: { transcript: TranscriptEntry[] } }>(
      `/api/agent/conversations/${customer.id}/context`,
    );
    const sent = context.transcript.find((e) => e.author.role === "agent" && e.text === edited)!;
    expect(sent.internal?.draft).toEqual({ editDistance: "Hi Carla, here is how: ".length, draftChars: draft.length });
  });

  it('"That helped" in the widget records a confirmed resolution, which the report counts', async () => {
    const before = (await api<{ report: { aiResolvedConfirmed: number } }>("/api/agent/reports")).report;
    const page = await newPage({ width: 1100, height: 800 });
    await openWidget(page);
    await ask(page, "How do I reset my password?");
    await inWidget(page, ".t > .row button").first().waitFor({ timeout: 15_000 });
    expect(await inWidget(page, ".t > .row button").allInnerTexts()).toEqual(["That helped", "I still need help"]);
    await inWidget(page, ".t > .row button").first().click();
    await expect.poll(() => inWidget(page, ".t > .row button").count()).toBe(0);
    await expect
      .poll(
        async () =>
          (await api<{ report: { aiResolvedConfirmed: number } }>("/api/agent/reports")).report.aiResolvedConfirmed,
        {
          timeout: 15_000,
        },
      )
      .toBe(before.aiResolvedConfirmed + 1);
  });

  it("on a phone (390×844) with the keyboard open, the panel fills the screen and keeps the composer visible", async () => {
    const page = await newPage({ width: 390, height: 844 }, true);
    await openWidget(page);
    const panel = inWidget(page, ".p");
    // (After its opening animation, which slides it up 8 px.)
    await expect.poll(() => panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe("hidden");
    // The launcher gives way to the header's close button, which is visible and big enough to tap.
    expect(await inWidget(page, "button.l").isVisible()).toBe(false);
    const close = await inWidget(page, ".h button").boundingBox();
    expect(close!.width).toBeGreaterThanOrEqual(44);
    expect(close!.height).toBeGreaterThanOrEqual(44);

    // The on-screen keyboard takes the bottom 336 px: the dynamic viewport shrinks to what is left.
    await inWidget(page, "textarea").focus();
    await page.setViewportSize({ width: 390, height: 508 });
    await expect.poll(async () => (await panel.boundingBox())?.height).toBe(508);
    const composer = await inWidget(page, "textarea").boundingBox();
    expect(composer!.y).toBeGreaterThan(0);
    expect(composer!.y + composer!.height).toBeLessThanOrEqual(508);
    const sendButton = await inWidget(page, ".f button[type=submit]").boundingBox();
    expect(sendButton!.y + sendButton!.height).toBeLessThanOrEqual(508);
    await ask(page, "How do I reset my password?");
    await inWidget(page, "li.ai[data-seq]").first().waitFor({ timeout: 15_000 });
    // What the phone shows (the viewport, not the page below it).
    await page.screenshot({ path: join(ROOT, "test/artifacts/assist-phone-keyboard.png") });
    copyFileSync(join(ROOT, "test/artifacts/assist-phone-keyboard.png"), join(ROOT, "docs/assist-phone-keyboard.png"));

    await inWidget(page, ".h button").click();
    expect(await panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe("");
  });

  it("the knowledge-gaps report shows a handed-off question", async () => {
    const question = "Can I pay for my subscription with bitcoin?";
    const customer = await Customer.start(server.url);
    customers.push(customer);
    customer.say(question);
    const offer = (await customer.waitFor((f) => f.type === "entry" && f.entry.event === "handoff_offered")) as {
      entry: TranscriptEntry;
    };
    customer.send({ type: "quick_reply", id: customer.nextId(), seq: offer.entry.seq, value: "yes" });
    await customer.waitFor((f) => f.type === "status" && f.status === "queued");

    const page = await newPage({ width: 1280, height: 1000 });
    await signInToConsole(page, server.url, "admin@handoff.local", "demo-admin-pass");
    await page.getByRole("button", { name: "Reports" }).click();
    const gaps = page.getByTestId("knowledge-gaps");
    await gaps.getByText(question).first().waitFor({ timeout: 15_000 });
    await page.getByText("draft acceptance").waitFor();
    await docShot(page, "assist-reports");
  });
});
