/**
 * The customer widget end to end: the demo page served by a real `wrangler dev`, headless Chromium,
 * and the agent side driven through the API (harness/agent.ts). Needs `npm run build` first.
 * Tests run in file order against one server; the handoff → reload → CSAT tests follow one
 * conversation, the others use fresh browser contexts (fresh localStorage, new conversations).
 */
import { createHmac } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, type ConversationSocket } from "./harness/agent";
import { launchBrowser, screenshot } from "./harness/browser";
import { startServer, type DevServer } from "./harness/server";

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const agents: Agent[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const a of agents) a.close();
  await browser?.close();
  await server?.stop();
});

// Playwright's CSS locators pierce open shadow roots, so these reach inside the widget.
const inWidget = (page: Page, css: string) => page.locator(`handoff-widget ${css}`);

async function openDemo(options: { reducedMotion?: "reduce" } = {}): Promise<Page> {
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

async function send(page: Page, text: string): Promise<void> {
  await inWidget(page, "textarea").fill(text);
  await page.keyboard.press("Enter");
}

const conversationId = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("handoff:demo")!).conversationId as string);

/** What the customer sees as stored entries: [seq, text] in order. */
const transcript = (page: Page) =>
  inWidget(page, "[data-seq]").evaluateAll((els) =>
    els.map((el) => [Number(el.getAttribute("data-seq")), (el.querySelector("p") as HTMLElement).innerText]),
  );

/** Which element inside the widget has focus (document.activeElement is the shadow host). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector("handoff-widget")!.shadowRoot!.activeElement as HTMLElement | null;
    return el
      ? `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ""}${el.id ? `#${el.id}` : ""}`
      : null;
  });

describe("customer widget (real server, headless Chromium)", () => {
  it("mounts from one script tag, opens with focus in the composer, and answers a KB question with a cited link", async () => {
    const page = await openDemo();
    // The panel code arrives only on open: both files loaded, the panel after the launcher.
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((r) => new URL(r.name).pathname)
        .filter((p) => p.endsWith(".js")),
    );
    expect(scripts).toEqual(["/widget.js", "/widget-panel.js"]);
    expect(await focused(page)).toBe("textarea#hf-in");
    expect(await inWidget(page, "button.l").getAttribute("aria-expanded")).toBe("true");

    await send(page, "How do I return an item?");
    const answer = inWidget(page, "li.ai[data-seq]").first();
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.innerText()).toMatch(/return/i);
    const link = answer.locator(".src a").first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^https?:\/\//);
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.innerText()).not.toBe("");
    // The customer's own message is shown once, stored (has a seq), not left "sending".
    await expect.poll(() => inWidget(page, "li.customer").count()).toBe(1);
    expect(await inWidget(page, "li[data-pending]").count()).toBe(0);
    await screenshot(page, "01-kb-answer");

    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press("Escape");
    expect(await inWidget(page, "button.l").getAttribute("aria-expanded")).toBe("false");
    expect(await focused(page)).toBe("button.l");
    expect(await inWidget(page, ".p").isVisible()).toBe(false);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });

  it('answers "thanks!" after an answer with a thank-you and no offer of a human, and the agent sees the answer confirmed', async () => {
    const page = await openDemo();
    await send(page, "How do I reset my password?");
    const answer = inWidget(page, "li.ai[data-seq]").first();
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.innerText()).toMatch(/password/i);
    // Under the answer, the two feedback choices, as plain text buttons.
    const choices = inWidget(page, ".t > .row button");
    await expect.poll(() => choices.allInnerTexts()).toEqual(["That helped", "I still need help"]);
    await send(page, "thanks!");
    const replies = inWidget(page, "li.ai[data-seq]");
    await expect.poll(() => replies.count(), { timeout: 15_000 }).toBe(2);
    expect(await replies.nth(1).innerText()).toMatch(/welcome|glad/i);
    // No offer of a person, and the feedback choices went with the answer they were under.
    expect(await inWidget(page, ".card").count()).toBe(0);
    expect(await inWidget(page, 'li[data-event="handoff_offered"]').count()).toBe(0);
    expect(await choices.count()).toBe(0);
    await screenshot(page, "02-thanks-after-answer");

    const id = await conversationId(page);
    const admin = await Agent.login(server.url, "admin@handoff.local", "demo-admin-pass");
    const res = await fetch(`${server.url}/api/agent/conversations/${id}/context`, {
      headers: { Authorization: `Bearer ${admin.token}`, Origin: server.url },
    });
    const { context } = (await res.json()) as {
      context: { stepsAttempted: { text: string; verdict: string | null }[] };
    };
    const answered = context.stepsAttempted.find((st) => /password/i.test(st.text));
    expect(answered?.verdict).toBe("confirmed");
    admin.close();
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });

  it("with no agent online, offers the contact form: email required and validated, then confirms with the expected response time", async () => {
    const page = await openDemo();
    await inWidget(page, "button.human").click();
    const form = inWidget(page, "form.card");
    await form.waitFor({ timeout: 15_000 });
    await screenshot(page, "02-offline-form");

    await form.locator("input[name=email]").fill("not-an-email");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => form.locator("[role=alert]").innerText()).toMatch(/valid email/i);
    expect(await focused(page)).toBe("input");

    await form.locator("input[name=email]").fill("sam@example.com");
    await form.locator("input[name=name]").fill("Sam");
    await form.locator("input[name=orderNumber]").fill("BB-1042");
    await form.locator("button[type=submit]").click();
    const confirmation = inWidget(page, ".card[role=status]");
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain("sam@example.com");
    // The server's own record of the ticket reaches the transcript, and the form is gone.
    await inWidget(page, 'li[data-event="ticket_created"]').waitFor({ timeout: 10_000 });
    expect(await inWidget(page, "form.card").count()).toBe(0);
    const noAgent = await inWidget(page, 'li[data-event="no_agent_online"]').innerText();
    expect(noAgent.length).toBeGreaterThan(0);
    await screenshot(page, "03-ticket-confirmed");
  });

  describe("handoff to a human in the same window", () => {
    let page: Page;
    let ben: Agent;
    let benSocket: ConversationSocket;
    let id: string;

    it("asks for a human, shows the queue notice, then the agent joining, typing and replying by name", async () => {
      ben = await Agent.login(server.url, "ben@handoff.local", "demo-agent-pass");
      agents.push(ben);
      await ben.goOnline();

      page = await openDemo();
      await send(page, "How do I return an item?");
      await inWidget(page, "li.ai[data-seq]").first().waitFor({ timeout: 15_000 });
      await inWidget(page, "button.human").click();

      const queue = inWidget(page, ".q");
      await queue.waitFor({ timeout: 15_000 });
      expect(await queue.innerText()).toContain("Connecting you to a person…");
      await expect.poll(() => queue.innerText()).toMatch(/next in line|number \d+ in line/);
      await screenshot(page, "04-queued");

      id = await conversationId(page);
      await ben.action(id, "claim");
      await inWidget(page, 'li[data-event="agent_joined"]').waitFor({ timeout: 10_000 });
      expect(await inWidget(page, 'li[data-event="agent_joined"]').innerText()).toBe("Ben Support joined");
      await expect.poll(() => queue.count()).toBe(0);
      // Handed to a person: the "Talk to a human" button has done its job.
      expect(await inWidget(page, "button.human").count()).toBe(0);

      benSocket = await ben.join(id);
      benSocket.send({ type: "typing", on: true });
      await expect
        .poll(() =>
          inWidget(page, ".typ")
            .innerText()
            .catch(() => ""),
        )
        .toBe("Ben Support is typing…");
      benSocket.say("Hi, I'm Ben. I can help with your return.");
      const reply = inWidget(page, "li.agent");
      await reply.waitFor({ timeout: 10_000 });
      expect(await reply.locator(".who").innerText()).toBe("Ben Support");
      expect(await reply.innerText()).toContain("I can help with your return.");
      expect(await inWidget(page, ".typ").count()).toBe(0);

      // An agent's message is text too: markup stays inert, only the http(s) URL becomes a link.
      const evil = `<img src=x onerror="window.__xss=3"> javascript:alert(1) see https://example.com/ok`;
      benSocket.say(evil);
      await expect.poll(() => inWidget(page, "li.agent").count()).toBe(2);
      const second = inWidget(page, "li.agent").nth(1);
      expect(await second.locator("p").innerText()).toBe(evil);
      expect(await second.locator("img").count()).toBe(0);
      expect(await second.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
        "https://example.com/ok",
      ]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

      // Customer typing reaches the agent; the agent's read marker reaches the customer.
      await inWidget(page, "textarea").pressSequentially("ok");
      await benSocket.waitFor((f) => f.type === "typing" && f.role === "customer" && f.on);
      const lastCustomer = Math.max(
        ...(await transcript(page)).filter(([, t]) => String(t).includes("return an item")).map(([s]) => Number(s)),
      );
      benSocket.send({ type: "read", seq: lastCustomer + 10 });
      await inWidget(page, "span.meta").filter({ hasText: "Read" }).waitFor({ timeout: 10_000 });
      await inWidget(page, "textarea").fill("");
      await screenshot(page, "05-agent-joined");
    });

    it("reloading mid-conversation shows the same transcript, and a message sent just before the reload arrives exactly once", async () => {
      const before = await transcript(page);
      expect(before.length).toBeGreaterThan(3);
      await send(page, "Sending this right before a reload");
      await page.reload();
      // The panel was open, so it reopens; the saved transcript paints and resumes from lastSeq.
      await inWidget(page, "textarea").waitFor();
      await expect
        .poll(
          async () => (await transcript(page)).filter(([, t]) => t === "Sending this right before a reload").length,
          { timeout: 15_000 },
        )
        .toBe(1);
      await expect.poll(() => inWidget(page, "li[data-pending]").count()).toBe(0);
      const after = await transcript(page);
      expect(after.slice(0, before.length)).toEqual(before);
      const seqs = after.map(([s]) => s);
      expect(new Set(seqs).size).toBe(seqs.length);
      // Stored once on the server too: the agent saw one entry with that text.
      await benSocket.waitFor((f) => f.type === "entry" && f.entry.text === "Sending this right before a reload");
      await new Promise((ok) => setTimeout(ok, 500));
      expect(
        benSocket.frames.filter((f) => f.type === "entry" && f.entry.text === "Sending this right before a reload"),
      ).toHaveLength(1);
      await screenshot(page, "06-after-reload");
    });

    it("after the agent closes, asks for a rating (1-5 + comment) and the server stores it", async () => {
      await ben.action(id, "close");
      const csat = inWidget(page, "form.card");
      await csat.waitFor({ timeout: 10_000 });
      expect(await csat.innerText()).toContain("How did we do?");
      const submit = csat.locator("button[type=submit]");
      expect(await submit.isDisabled()).toBe(true);
      await csat.locator('button[aria-label="4 out of 5"]').click();
      expect(await csat.locator('button[aria-label="4 out of 5"]').getAttribute("aria-pressed")).toBe("true");
      await csat.locator("textarea").fill("Quick and friendly");
      await screenshot(page, "07-csat");
      await submit.click();
      await inWidget(page, 'li[data-event="csat_received"]').waitFor({ timeout: 10_000 });
      const stored = (await benSocket.waitFor((f) => f.type === "entry" && f.entry.event === "csat_received")) as {
        entry: { meta?: Record<string, unknown> };
      };
      expect(stored.entry.meta?.score).toBe(4);
      expect(await inWidget(page, "form.card").count()).toBe(0);
      // A closed conversation offers a fresh start instead of the composer.
      expect(await inWidget(page, ".f button.btn").innerText()).toBe("Start a new conversation");
      await ben.goAway();
    });
  });

  it("shows the AI's offer of a human with Yes/No: No keeps the AI, a later Yes starts the handoff", async () => {
    const page = await openDemo();
    // Off-topic for the knowledge base: low confidence, so the AI offers a person.
    await send(page, "What is the capital of Mongolia");
    await inWidget(page, ".card button.btn2").waitFor({ timeout: 15_000 });
    expect(await inWidget(page, ".card p").first().innerText()).toBe("Would you like to talk to a person?");
    expect(await inWidget(page, ".card button.btn").innerText()).toBe("Yes");
    await inWidget(page, ".card button.btn2").click();
    await inWidget(page, 'li[data-event="offer_declined"]').waitFor({ timeout: 10_000 });
    expect(await inWidget(page, ".card button.btn2").count()).toBe(0);
    // Declining keeps the customer with the AI: a knowledge-base question is answered.
    await send(page, "How do I reset my password?");
    await expect
      .poll(async () => (await inWidget(page, "li.ai[data-seq]").allInnerTexts()).some((t) => /password/i.test(t)), {
        timeout: 15_000,
      })
      .toBe(true);
    // After the cool-down, another off-topic question brings a new offer; Yes starts the handoff.
    await send(page, "Which football team won the 1966 world cup");
    await send(page, "Tell me a poem about volcanoes");
    await inWidget(page, ".card button.btn").waitFor({ timeout: 15_000 });
    await inWidget(page, ".card button.btn").click();
    await inWidget(page, 'li[data-event="queued"]').waitFor({ timeout: 10_000 });
    await screenshot(page, "10-offer-accepted");
  });

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
    const agent = await Agent.login(server.url, "ana@handoff.local", "demo-agent-pass");
    agents.push(agent);
    const replay = await agent.join(await conversationId(page));
    expect(replay.frames.filter((f) => f.type === "entry" && f.entry.text === "Written while offline")).toHaveLength(1);
    await screenshot(page, "11-back-online");
  });

  it("a verified customer who moves to another device finds their open conversation there", async () => {
    // The shop signs its logged-in customer's id with the site's identity secret (set by an admin).
    const admin = await Agent.login(server.url, "admin@handoff.local", "demo-admin-pass");
    const secret = "e2e-identity-secret-0123456789abcdef"; // at least 32 characters
    const put = await fetch(`${server.url}/api/sites/demo`, {
      method: "PUT",
      headers: { "content-type": "application/json", Authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ identitySecret: secret, requireVerification: false }),
    });
    expect(put.status).toBe(200);
    const userId = "shop-customer-1001";
    const userHash = createHmac("sha256", secret).update(userId).digest("hex");
    const device = async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.evaluate(
        ([id, hash]) =>
          (window as unknown as { Handoff: (m: string, a: unknown) => void }).Handoff("identify", {
            name: "Dana Shopper",
            userId: id,
            userHash: hash,
          }),
        [userId, userHash],
      );
      await inWidget(page, "button.l").click();
      await inWidget(page, "textarea").waitFor();
      return page;
    };

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
