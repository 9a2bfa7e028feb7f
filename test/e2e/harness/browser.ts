/**
 * Headless Chromium driven by playwright-core, with no browser download (see docs/architecture.md):
 * Debian's /usr/bin/chromium when the machine has it, otherwise the binary that the registry package
 * @sparticuz/chromium ships (unpacked to /tmp on first use), so `npm test` needs no apt step.
 * HANDOFF_CHROMIUM=packaged forces the packaged one. Screenshots go to test/artifacts/ (gitignored).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { ARTIFACTS } from "./server";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The system browser when present, else the packaged one; the choice is printed once per run. */
export async function chromiumPath(): Promise<string> {
  if (process.env.HANDOFF_CHROMIUM !== "packaged" && existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: ARGS });
}

/** Saves a full-page screenshot as test/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name.replace(/[^a-z0-9_-]+/gi, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
