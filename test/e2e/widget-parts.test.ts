/**
 * The widget's lazy parts end to end (widget/src/core/parts.ts, panel/Part.tsx): widget-forms.js is
 * fetched only when the panel first shows a form, a placeholder stands while it loads, and a failed
 * load shows a retry that brings the form without losing anything. Needs `npm run build` first.
 */
import type { Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "./harness/browser";
import { inWidget, openDemo, pageErrors, scriptsLoaded, useWidgetServer } from "./harness/widget-page";

useWidgetServer();

describe("widget lazy parts (real server, headless Chromium)", () => {
  it("loads the forms part only when a form shows; a failed load offers a retry, a slow one a placeholder, and the form then works", async () => {
    // The first request for the part fails (a flaky network); the next one is held until released.
    let attempts = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const page = await openDemo({
      beforeLoad: (p) =>
        p.route("**/widget-forms.js", async (route: Route) => {
          if (++attempts === 1) return route.abort("failed");
          await held;
          await route.continue();
        }),
    });
    await inWidget(page, "textarea").fill("Typed before asking for a human");
    expect(await scriptsLoaded(page)).toEqual(["/widget.js", "/widget-panel.js"]);

    // No agent is online in a fresh server: the contact form is due, and its part fails to load.
    await inWidget(page, "button.human").click();
    const retry = inWidget(page, ".card[role=alert] button");
    await retry.waitFor({ timeout: 15_000 });
    expect(await retry.innerText()).toBe("Try again");
    expect(attempts).toBe(1);
    // The rest of the panel is untouched: the no-agent notice is in the transcript, the draft is kept.
    await inWidget(page, 'li[data-event="no_agent_online"]').waitFor();
    expect(await inWidget(page, "textarea").inputValue()).toBe("Typed before asking for a human");
    await screenshot(page, "parts-01-retry");

    await retry.click();
    const placeholder = inWidget(page, ".card[aria-busy=true]");
    await placeholder.waitFor();
    expect(await placeholder.innerText()).toBe("Loading…");
    expect(await inWidget(page, "form.card").count()).toBe(0);
    release();

    const form = inWidget(page, "form.card");
    await form.waitFor({ timeout: 10_000 });
    expect(attempts).toBe(2);
    expect(await placeholder.count()).toBe(0);
    expect(await inWidget(page, ".card[role=alert]").count()).toBe(0);
    // The part's own styles reached the shadow root along with it.
    const display = await form
      .locator("label")
      .first()
      .evaluate((el) => getComputedStyle(el).display);
    expect(display).toBe("flex");

    await form.locator("input[name=email]").fill("lee@example.com");
    await form.locator("button[type=submit]").click();
    const confirmation = inWidget(page, ".card[role=status]");
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain("lee@example.com");
    await inWidget(page, 'li[data-event="ticket_created"]').waitFor({ timeout: 10_000 });
    expect(await inWidget(page, "textarea").inputValue()).toBe("Typed before asking for a human");
    await screenshot(page, "parts-02-form-after-retry");
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
