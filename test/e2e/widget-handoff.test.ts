/**
 * The customer widget end to end, the handoff to a human in one window: the demo page served by a real
 * `wrangler dev`, headless Chromium, and the agent side driven through the API (harness/agent.ts). Needs
 * `npm run build` first. The tests run in file order and follow one conversation: handoff, reload, CSAT.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Agent, ConversationSocket } from "./harness/agent";
import { screenshot } from "./harness/browser";
import {
  conversationId,
  inWidget,
  openDemo,
  send,
  signInAgent,
  transcript,
  useWidgetServer,
} from "./harness/widget-page";

useWidgetServer();

describe("customer widget (real server, headless Chromium)", () => {
  describe("handoff to a human in the same window", () => {
    let page: Page;
    let ben: Agent;
    let benSocket: ConversationSocket;
    let id: string;

    it("asks for a human, shows the queue notice, then the agent joining, typing and replying by name", async () => {
      ben = await signInAgent("ben@handoff.local");
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
});
