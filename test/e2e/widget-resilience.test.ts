/**
 * The customer widget end to end, offline, on another device, and against hostile input and host CSS: the
 * demo page served by a real `wrangler dev`, headless Chromium, and the agent side driven through the API
 * (harness/agent.ts). Needs `npm run build` first.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { screenshot } from "./harness/browser";
import {
  conversationId,
  inWidget,
  openDemo,
  send,
  server,
  signInAgent,
  transcript,
  useWidgetServer,
} from "./harness/widget-page";

useWidgetServer();

describe("customer widget offline, on another device, and against hostile input (real server, headless Chromium)", () => {
  it("going offline shows the offline notice and holds what is typed; back online it is sent exactly once", async () => {
    const page = await openDemo();
    await send(page, "Where is my order?");
    await inWidget(page, "li.customer[data-seq]").waitFor({ timeout: 10_000 });
    const context = page.context();
    await context.setOffline(true);
    const notice = inWidget(page, ".n[role=status]");
    await expect
      .poll(() => notice.innerText(), { timeout: 5_000 })
      .toBe("You are offline. Messages will be sent when you are back online.");
    // Typed while offline: shown at once as pending, not stored yet.
    await send(page, "Written while offline");
    await inWidget(page, "li[data-pending]").waitFor({ timeout: 5_000 });
    await page.waitForTimeout(1_500);
    expect((await transcript(page)).map(([, text]) => text)).not.toContain("Written while offline");
    await context.setOffline(false);
    // Back online: the widget reconnects, the notice goes, the held message is stored once.
    await expect
      .poll(async () => (await transcript(page)).filter(([, text]) => text === "Written while offline").length, {
        timeout: 15_000,
      })
      .toBe(1);
    await expect.poll(() => notice.count(), { timeout: 5_000 }).toBe(0);
    expect(await inWidget(page, "li[data-pending]").count()).toBe(0);
    const seqs = (await transcript(page)).map(([seq]) => Number(seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The server's transcript (an agent's replay) holds it once too, not just the widget's view of it.
    const agent = await signInAgent("ana@handoff.local");
    const replay = await agent.join(await conversationId(page));
    expect(replay.frames.filter((f) => f.type === "entry" && f.entry.text === "Written while offline")).toHaveLength(1);
    await screenshot(page, "11-back-online");
  });

  it("a verified customer who moves to another device finds their open conversation there", async () => {
    // The shop signs its logged-in customer's id with the site's identity secret (set by an admin).
    const admin = await signInAgent("admin@handoff.local", "demo-admin-pass");
    const secret = "e2e-identity-secret-0123456789abcdef"; // at least 32 characters
    const put = await fetch(`${server.url}/api/sites/demo`, {
      method: "PUT",
      headers: { "content-type": "application/json", Authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ identitySecret: secret, requireVerification: false }),
    });
    expect(put.status).toBe(200);
    const userId = "shop-customer-1001";
    const userHash = createHmac("sha256", secret).update(userId).digest("hex");
    const device = () => openDemo({ identify: { name: "Dana Shopper", userId, userHash } });

    const laptop = await device();
    await send(laptop, "My order A-1001 has not arrived yet");
    await inWidget(laptop, '[data-seq] p:text("My order A-1001 has not arrived yet")').waitFor();
    await expect.poll(async () => (await transcript(laptop)).length, { timeout: 15_000 }).toBeGreaterThan(1); // the AI answered

    // Another browser, nothing saved: the widget finds the open conversation and shows it whole.
    const phone = await device();
    await inWidget(phone, '[data-seq] p:text("My order A-1001 has not arrived yet")').waitFor({ timeout: 15_000 });
    expect(await transcript(phone)).toEqual(await transcript(laptop));
    expect(await conversationId(phone)).toBe(await conversationId(laptop));
    await send(phone, "Any news about it?");
    await inWidget(laptop, '[data-seq] p:text("Any news about it?")').waitFor({ timeout: 15_000 });
    await screenshot(phone, "12-other-device");
  });

  it("renders an XSS payload typed by the customer as inert text", async () => {
    const page = await openDemo();
    const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> javascript:alert(1) "><b>bold</b>`;
    await send(page, payload);
    const mine = inWidget(page, "li.customer[data-seq]");
    await mine.waitFor({ timeout: 10_000 });
    expect(await mine.locator("p").innerText()).toBe(payload);
    expect(await inWidget(page, "li img, li script, li b").count()).toBe(0);
    expect(await inWidget(page, "li a[href^='javascript']").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, "08-xss-inert");
  });

  it("host page CSS on div, button and * changes neither the launcher nor the panel", async () => {
    // Reduced motion: the panel must not animate (and a moving panel would make the probe flaky).
    const page = await openDemo({ reducedMotion: "reduce" });
    expect(await inWidget(page, ".p").evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
    const probe = () =>
      page.evaluate(() => {
        const host = document.querySelector("handoff-widget")!;
        const root = host.shadowRoot!;
        const pick = (el: Element | null) => {
          if (!el) return null;
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return [
            s.color,
            s.backgroundColor,
            s.fontFamily,
            s.fontSize,
            s.padding,
            s.borderTopWidth,
            s.display,
            Math.round(r.width),
            Math.round(r.height),
            Math.round(r.x),
            Math.round(r.y),
          ].join("|");
        };
        return {
          host: pick(host),
          launcher: pick(root.querySelector("button.l")),
          panel: pick(root.querySelector(".p")),
          header: pick(root.querySelector(".h")),
          send: pick(root.querySelector(".f button.btn")),
          bubble: pick(root.querySelector("li.m")),
        };
      });
    // Nor does the widget style the page: with it open, the page keeps its own fonts and box model.
    expect(
      await page.evaluate(() => [
        getComputedStyle(document.querySelector("h1")!).fontFamily,
        getComputedStyle(document.querySelector(".card")!).boxSizing,
      ]),
    ).toEqual(["Georgia, serif", "content-box"]);
    const before = await probe();
    await page.addStyleTag({
      content: `* { font-family: "Comic Sans MS", cursive !important; color: #f0f !important; background: #ff0 !important; box-sizing: content-box !important; margin: 7px !important; }
        div { padding: 40px !important; border: 5px solid red !important; display: inline !important; }
        button { width: 300px !important; height: 12px !important; background: lime !important; border-radius: 0 !important; position: static !important; }`,
    });
    // The hostile CSS did apply to the page itself...
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("main")!).color)).toBe("rgb(255, 0, 255)");
    // ...and not to the widget.
    expect(await probe()).toEqual(before);
    await screenshot(page, "09-hostile-host-css");
  });
});
