/**
 * The customer widget end to end, with the AI (nobody online): the demo page served by a real
 * `wrangler dev`, headless Chromium, and the agent side driven through the API (harness/agent.ts). Needs
 * `npm run build` first.
 */
import { describe, expect, it } from "vitest";
import { Agent } from "./harness/agent";
import { screenshot } from "./harness/browser";
import {
  conversationId,
  focused,
  inWidget,
  openDemo,
  pageErrors,
  send,
  server,
  useWidgetServer,
} from "./harness/widget-page";

useWidgetServer();

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
    expect(pageErrors(page)).toEqual([]);
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
    expect(pageErrors(page)).toEqual([]);
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
});
