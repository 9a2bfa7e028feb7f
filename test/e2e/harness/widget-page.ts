/**
 * The widget's browser tests' shared parts (test/e2e/widget-*.test.ts): one `wrangler dev` and one headless
 * Chromium per file (useWidgetServer), the demo page with the widget open, and what the customer sees.
 * Needs `npm run build` first.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { Agent } from "./agent";
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

export interface DemoOptions {
  reducedMotion?: "reduce";
  /** Runs on the new page before it loads the demo: routes to intercept, say. */
  beforeLoad?: (page: Page) => Promise<unknown>;
  /** Who the shop says the customer is (`Handoff("identify", ...)`), before the panel opens. */
  identify?: Record<string, string>;
}

/** The demo page in a new browser context, with the widget's panel open; page errors are kept (pageErrors). */
export async function openDemo({ beforeLoad, identify, ...contextOptions }: DemoOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...contextOptions });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await beforeLoad?.(page);
  await page.goto(`${server.url}/`);
  if (identify) {
    await page.evaluate(
      (who) => (window as unknown as { Handoff: (m: string, a: unknown) => void }).Handoff("identify", who),
      identify,
    );
  }
  await inWidget(page, "button.l").click();
  await inWidget(page, "textarea").waitFor();
  return page;
}

/** The errors the page threw since openDemo opened it. */
export const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

/** The paths of the scripts the page has loaded, in load order. */
export const scriptsLoaded = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((r) => new URL(r.name).pathname)
      .filter((p) => p.endsWith(".js")),
  );

/** A demo agent signed in through the API; signed off after the file's tests. */
export async function signInAgent(email: string, password = "demo-agent-pass"): Promise<Agent> {
  const agent = await Agent.login(server.url, email, password);
  agents.push(agent);
  return agent;
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
