/**
 * Languages end to end (headless Chromium, real `wrangler dev`): the widget speaks the browser's language
 * (navigator.languages) with its strings in one extra small file, mirrors its layout for Arabic, the AI and
 * system strings come in the customer's language, and the agent's console shows the language badge.
 * Build first: `npm run build`. Run: npx vitest run -c test/e2e/vitest.config.ts test/e2e/languages.test.ts
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./harness/browser";
import { signInToConsole } from "./harness/console";
import { startServer, type DevServer } from "./harness/server";

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const inWidget = (page: Page, css: string) => page.locator(`handoff-widget ${css}`);

async function pageIn(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

const scriptsLoaded = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((r) => new URL(r.name).pathname)
      .filter((p) => p.endsWith(".js")),
  );

describe("languages (real server, headless Chromium)", () => {
  let agent: Page;
  let frenchConversation = "";

  it("shows the widget in French from navigator.languages, and the AI answers in French", async () => {
    // An agent online first, so the handoff below waits in the queue for them.
    agent = await pageIn("en-GB");
    await signInToConsole(agent, server.url, "ben@handoff.local", "demo-agent-pass");

    const page = await pageIn("fr-FR");
    await page.goto(`${server.url}/`);
    const launcher = inWidget(page, "button.l");
    await expect.poll(() => launcher.getAttribute("aria-label")).toBe("Ouvrir le chat");
    await launcher.click();
    const composer = inWidget(page, "textarea");
    await composer.waitFor();
    expect(await composer.getAttribute("placeholder")).toBe("Écrivez un message…");
    expect(await inWidget(page, "[role=dialog]").getAttribute("lang")).toBe("fr");
    // Only the chosen locale's strings were fetched, as one small extra file.
    const scripts = await scriptsLoaded(page);
    expect(scripts.filter((s) => s.startsWith("/widget-locale-"))).toEqual(["/widget-locale-fr.js"]);

    // A question the AI answers (a cancellation would go straight to billing's people).
    await composer.fill("Comment réinitialiser mon mot de passe ?");
    await page.keyboard.press("Enter");
    const answer = inWidget(page, "li.ai[data-seq]").last();
    await expect.poll(() => answer.innerText(), { timeout: 15_000 }).toContain("mot de passe");
    await expect(inWidget(page, "li.ai[data-seq] a").last().getAttribute("href")).resolves.toContain("lang=fr");
    // The run of messages is headed by its time in French (24-hour "14:05", never "2:05 PM").
    const time = inWidget(page, "li.tm time").first();
    const shown = await time.innerText();
    expect(shown).toMatch(/^\d{2}:\d{2}$/);
    const iso = (await time.getAttribute("datetime"))!;
    expect(shown).toBe(
      await page.evaluate((at) => new Intl.DateTimeFormat("fr", { timeStyle: "short" }).format(new Date(at)), iso),
    );

    await inWidget(page, "button.human").click();
    await page
      .locator("handoff-widget")
      .getByText("Nous vous mettons en relation avec une personne…")
      .first()
      .waitFor();
    frenchConversation = await page.evaluate(
      () => JSON.parse(localStorage.getItem("handoff:demo")!).conversationId as string,
    );
    await screenshot(page, "languages-01-widget-french");
  });

  it("shows the agent the customer's language on the queue card and in the context panel", async () => {
    const card = agent.locator(`.card[data-id="${frenchConversation}"]`);
    await card.waitFor({ timeout: 15_000 });
    const badge = card.locator(".badge.lang");
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe("FR");
    expect(await badge.getAttribute("title")).toBe("Customer's language: French");
    await card.click();
    await agent.locator(".context").getByText("French").waitFor();
    // Local mode has no translation model: the console says so rather than offering a translation.
    await agent
      .getByText(/Translation unavailable/)
      .first()
      .waitFor();
    await screenshot(agent, "languages-02-console-language-badge");
  });

  it("mirrors the layout for Arabic (right to left)", async () => {
    const page = await pageIn("ar-EG");
    await page.goto(`${server.url}/`);
    const launcher = inWidget(page, "button.l");
    await expect.poll(() => launcher.getAttribute("aria-label")).toBe("فتح المحادثة");
    await launcher.click();
    const dialog = inWidget(page, "[role=dialog]");
    await dialog.waitFor();
    expect(await dialog.getAttribute("dir")).toBe("rtl");
    expect(await dialog.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    await inWidget(page, "textarea").fill("مرحبا، أحتاج إلى مساعدة في حسابي");
    await page.keyboard.press("Enter");
    const mine = inWidget(page, "li.customer").last();
    await mine.waitFor();
    // Mirrored: the customer's own messages sit on the left, the assistant's on the right.
    const welcome = (await inWidget(page, "li.ai").first().boundingBox())!;
    const own = (await mine.boundingBox())!;
    expect(own.x).toBeLessThan(welcome.x);
    await screenshot(page, "languages-03-widget-rtl-arabic");
  });

  it("lets an admin see and add an article's versions in the knowledge-base editor", async () => {
    const admin = await pageIn("en-GB");
    await signInToConsole(admin, server.url, "admin@handoff.local", "demo-admin-pass");
    await admin.getByRole("button", { name: "Admin", exact: true }).click();
    await admin
      .getByRole("navigation", { name: "Admin sections" })
      .getByRole("button", { name: "Knowledge base" })
      .click();
    // The versions sit in the row under their article's row.
    const article = admin.locator("tbody tr", { hasText: "Cancelling your subscription" }).first();
    const versions = article.locator("xpath=following-sibling::tr[1]");
    await versions.locator("summary").click();
    await versions.getByText("English (the article itself), Spanish, French").waitFor();
    await versions.getByLabel("Language").selectOption("de");
    await versions.getByLabel("Title").fill("Abo kündigen");
    await versions.getByLabel("Body").fill("Sie können jederzeit in der App unter Einstellungen > Plan kündigen.");
    await versions.getByRole("button", { name: "Add version" }).click();
    await versions.getByText("English (the article itself), German, Spanish, French").waitFor();
    await screenshot(admin, "languages-04-kb-versions-editor");
  });
});
