/**
 * The widget's browser tests' shared parts (test/e2e/widget-*.test.ts): one `wrangler dev` and one headless
 * Chromium per file (useWidgetServer), the demo page with the widget open, and what the customer sees.
 * Needs `npm run build` first.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Agent } from "./agent";
import { launchBrowser } from "./browser";
import { startServer, type DevServer } from "./server";

/** The running server's address; set by useWidgetServer's beforeAll. */
export const server = { url: "" };
export let browser: Browser;
export const contexts: BrowserContext[] = [];
export const agents: Agent[] = [];

/** Starts the server and the browser before the file's tests, and stops them (and the agents) after. */
export function useWidgetServer(): void {
  let dev: DevServer | undefined;
  beforeAll(async () => {
    dev = await startServer();
    server.url = dev.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const a of agents) a.close();
    await browser?.close();
    await dev?.stop();
  });
}

// Playwright's CSS locators pierce open shadow roots, so these reach inside the widget.
export const inWidget = (page: Page, css: string) => page.locator(`handoff-widget ${css}`);

export async function openDemo(options: { reducedMotion?: "reduce" } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${server.url}/`);
  await inWidget(page, "button.l").click();
  await inWidget(page, "textarea").waitFor();
  return page;
}

export async function send(page: Page, text: string): Promise<void> {
  await inWidget(page, "textarea").fill(text);
  await page.keyboard.press("Enter");
}

export const conversationId = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("handoff:demo")!).conversationId as string);

/** What the customer sees as stored entries: [seq, text] in order. */
export const transcript = (page: Page) =>
  inWidget(page, "[data-seq]").evaluateAll((els) =>
    els.map((el) => [Number(el.getAttribute("data-seq")), (el.querySelector("p") as HTMLElement).innerText]),
  );

/** Which element inside the widget has focus (document.activeElement is the shadow host). */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector("handoff-widget")!.shadowRoot!.activeElement as HTMLElement | null;
    return el
      ? `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ""}${el.id ? `#${el.id}` : ""}`
      : null;
  });
