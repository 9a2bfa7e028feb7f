/**
 * Attachments end to end: headless Chromium against a real `wrangler dev` (R2 simulated locally), the
 * customer in the real widget on the demo page and the agent in the real console. A PNG pasted into the
 * widget shows as a thumbnail on both sides; a PDF the agent attaches reaches the customer as a download;
 * an SVG with a script is refused and runs nothing; a reload mid-upload doubles nothing.
 * Build first: `npm run build`. Run: npx vitest run -c test/e2e/vitest.config.ts test/e2e/attachments.test.ts
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./harness/browser";
import { signInToConsole } from "./harness/console";
import { startServer, type DevServer } from "./harness/server";

const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");
const EVIL_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
);

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];

const inWidget = (page: Page, css: string) => page.locator(`handoff-widget ${css}`);

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return page;
}

/** The customer opens the widget on the demo page and asks for a human; the conversation's id. */
async function customerAsksForHuman(page: Page): Promise<string> {
  await page.goto(`${server.url}/`);
  await inWidget(page, "button.l").click();
  await inWidget(page, "textarea").fill("My invoice looks wrong, I will send a screenshot");
  await inWidget(page, "textarea").press("Enter");
  await inWidget(page, "li.m.customer").first().waitFor();
  await inWidget(page, "button.human").click();
  await inWidget(page, ".q").waitFor({ timeout: 15_000 });
  return page.evaluate(() => JSON.parse(localStorage.getItem("handoff:demo") ?? "{}").conversationId as string);
}

/** Pastes a PNG into the widget's composer, as a screenshot from the clipboard does; `padTo` pads it to that size. */
async function pastePng(page: Page, name: string, padTo = 0) {
  await page.evaluate(
    ({ b64, name, padTo }) => {
      const png = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bytes = new Uint8Array(Math.max(padTo, png.length));
      bytes.set(png);
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: "image/png" }));
      const textarea = document.querySelector("handoff-widget")!.shadowRoot!.querySelector("textarea")!;
      textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { b64: PNG_BASE64, name, padTo },
  );
}

/** Loaded images (naturalWidth > 0) among `selector`'s matches. */
const loadedImages = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length);

describe("attachments (real server, headless Chromium)", () => {
  let ben: Page;
  let customer: Page;
  let conversationId = "";

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ben = await newPage();
    await signInToConsole(ben, server.url, "ben@handoff.local", "demo-agent-pass");
    customer = await newPage();
    conversationId = await customerAsksForHuman(customer);
    await ben.locator(`.card[data-id="${conversationId}"]`).click();
    await ben.getByRole("button", { name: "Claim" }).click();
    await ben.locator(".conv-head", { hasText: "assigned to you" }).waitFor();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it("a PNG pasted into the widget shows as a thumbnail there, and the agent sees it in the console", async () => {
    const parts = () =>
      customer.evaluate(() =>
        performance.getEntriesByType("resource").filter((r) => r.name.endsWith("/widget-attach.js")),
      );
    await pastePng(customer, "screenshot.png");
    const thumb = inWidget(customer, "li.m.customer .th img");
    await thumb.waitFor({ timeout: 20_000 });
    expect(await thumb.getAttribute("src")).toMatch(/\/attachments\/[0-9a-f]{32}\?exp=\d+&sig=/);
    await expect.poll(() => loadedImages(customer, "handoff-widget li.m.customer .th img")).toBe(1);
    expect((await parts()).length).toBe(1);
    // It opens full size, and closes again.
    await inWidget(customer, "li.m.customer .th").click();
    await inWidget(customer, ".full img").waitFor();
    await screenshot(customer, "attach-01-widget-full-size");
    await inWidget(customer, ".full button").click();

    const agentThumb = ben.locator(".transcript .entry.customer .att-thumb img");
    await agentThumb.waitFor({ timeout: 15_000 });
    await expect.poll(() => loadedImages(ben, ".transcript .entry.customer .att-thumb img")).toBe(1);
    expect(await agentThumb.getAttribute("alt")).toBe("screenshot.png");
    await ben.locator(".context h3", { hasText: "Attachments" }).waitFor();
    await screenshot(ben, "attach-02-console-thumbnail");
  });

  it("the agent attaches a PDF that the customer can download", async () => {
    await ben.locator(".attach-button input[type=file]").setInputFiles({
      name: "refund-steps.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await ben.locator(".pending-files", { hasText: "refund-steps.pdf" }).waitFor();
    await ben.getByRole("button", { name: "Send", exact: true }).click();
    await ben.locator(".transcript .entry.agent .att-card", { hasText: "refund-steps.pdf" }).waitFor();

    const card = inWidget(customer, "li.m.agent a.fc");
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain("refund-steps.pdf");
    await expect.poll(async () => (await card.getAttribute("href")) ?? "").toMatch(/sig=/);
    const download = customer.waitForEvent("download");
    await card.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("refund-steps.pdf");
    const head = await customer.evaluate(
      async (url) => {
        const res = await fetch(url);
        return {
          status: res.status,
          disposition: res.headers.get("content-disposition"),
          size: (await res.arrayBuffer()).byteLength,
        };
      },
      (await card.getAttribute("href"))!,
    );
    expect(head).toMatchObject({ status: 200, size: PDF.length });
    expect(head.disposition).toMatch(/^attachment;/);
  });

  it("an SVG with a script is refused: it runs nothing, is stored nowhere, and the widget offers a retry", async () => {
    const before = dialogs.length;
    await inWidget(customer, "input[type=file]").setInputFiles({
      name: "logo.svg",
      mimeType: "image/svg+xml",
      buffer: EVIL_SVG,
    });
    const failed = inWidget(customer, ".up[role=alert]");
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.innerText()).toContain("logo.svg was not sent");
    expect(await inWidget(customer, ".up[role=alert] .btn").innerText()).toBe("Retry");
    await inWidget(customer, ".up[role=alert] .btn2").click();
    await failed.waitFor({ state: "detached" });
    const files = await customer.evaluate(async () => {
      const saved = JSON.parse(localStorage.getItem("handoff:demo") ?? "{}");
      const res = await fetch(
        `/api/conversations/${saved.conversationId}/attachments?token=${encodeURIComponent(saved.token)}`,
      );
      return ((await res.json()) as { attachments: { name: string }[] }).attachments.map((a) => a.name);
    });
    expect(files).toEqual(["screenshot.png", "refund-steps.pdf"]);
    expect(await ben.locator(".transcript svg, .transcript img[src*='svg']").count()).toBe(0);
    expect(dialogs.length).toBe(before);
  });

  it("a reload mid-upload doubles nothing: the interrupted file is not stored, the next upload is sent once", async () => {
    // A slow uplink (Chromium's network emulation), so the reload lands while the body is still going up.
    const cdp = await customer.context().newCDPSession(customer);
    await cdp.send("Network.enable");
    const throttle = (uploadThroughput: number) =>
      cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    await throttle(128 * 1024);
    await pastePng(customer, "interrupted.png", 3 * 1024 * 1024);
    await expect
      .poll(() => customer.locator("handoff-widget .up progress").evaluate((p) => (p as HTMLProgressElement).value), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0.05);
    await customer.reload();
    await throttle(-1);
    // The panel was open, so it reopens by itself.
    await inWidget(customer, "textarea").waitFor();
    expect(await inWidget(customer, ".up").count()).toBe(0);
    await pastePng(customer, "after-reload.png");
    await inWidget(customer, "li.m.customer .th img[alt='after-reload.png']").waitFor({ timeout: 20_000 });
    const state = await customer.evaluate(async () => {
      const saved = JSON.parse(localStorage.getItem("handoff:demo") ?? "{}");
      const res = await fetch(
        `/api/conversations/${saved.conversationId}/attachments?token=${encodeURIComponent(saved.token)}`,
      );
      return ((await res.json()) as { attachments: { name: string }[] }).attachments.map((a) => a.name);
    });
    expect(state).toEqual(["screenshot.png", "refund-steps.pdf", "after-reload.png"]);
    await ben.locator(".transcript .att-thumb img[alt='after-reload.png']").waitFor({ timeout: 15_000 });
    expect(await ben.locator(".transcript .att-thumb img[alt='after-reload.png']").count()).toBe(1);
    expect(await ben.locator(".transcript .att-thumb img[alt='interrupted.png']").count()).toBe(0);
    await screenshot(customer, "attach-03-after-reload");
  });
});
