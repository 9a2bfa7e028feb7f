/** The agent console in the browser: sign in and wait until the agent is online. */
import type { Page } from "playwright-core";

/** Signs in on /console/ and waits for the lobby socket (the "connecting" warning goes away). */
export async function signInToConsole(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /^Queue/ }).waitFor();
  await page.locator(".queue .warn").waitFor({ state: "detached", timeout: 15_000 });
}
