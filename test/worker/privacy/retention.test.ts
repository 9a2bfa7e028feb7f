// Retention: with a site's policy of N days, the privacy object's alarm erases that site's conversations
// closed more than N days ago (the D1 index's updated_at is their last activity), through the erasure job,
// keeps open ones and ones that reopened since the index said closed, and reports the run.
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AuditRow } from "../../../schema/db";
import { conversationStub } from "../../../worker/conversation/stub";
import { privacyStub } from "../../../worker/privacy/privacy-object";
import type { RetentionRun } from "../../../worker/privacy/retention";
import { agentPost } from "../helpers/sockets";
import { adminSession, call, count, poll, testEnv, customerWrote } from "./fixtures";

const DAY = 86_400_000;

const conversationOn = (site: string, text: string) => customerWrote({ site, customer: { name: "Rita" } }, text);

async function closedOn(site: string, token: string, text: string) {
  const { conversationId, customer } = await conversationOn(site, text);
  customer.send({ type: "request_human", id: "h1" });
  await customer.next("status", (f) => f.status === "queued");
  expect((await agentPost(`/api/agent/conversations/${conversationId}/claim`, token)).status).toBe(200);
  expect((await agentPost(`/api/agent/conversations/${conversationId}/close`, token)).status).toBe(200);
  customer.close();
  await poll(
    () => count("SELECT COUNT(*) AS n FROM conversations WHERE id = ? AND status = 'closed'", conversationId),
    (n) => n === 1,
  );
  return conversationId;
}

async function indexed(id: string) {
  return poll(
    () => count("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", id),
    (n) => n === 1,
  );
}

/** The index says the conversation's last activity was `daysAgo` days ago (and, optionally, a status). */
async function age(id: string, daysAgo: number, status?: string) {
  await testEnv.DB.prepare("UPDATE conversations SET updated_at = ?, status = coalesce(?, status) WHERE id = ?")
    .bind(Date.now() - daysAgo * DAY, status ?? null, id)
    .run();
}

describe("retention", () => {
  it("erases a site's conversation closed 2 days ago under a 1-day policy, and keeps open and other-site ones", async () => {
    const { token } = await adminSession();
    // Conversations may only be opened on configured sites (SITES or PUT /api/sites/:site).
    for (const site of ["shop", "blog"]) {
      expect((await call(`/api/sites/${site}`, token, { method: "PUT", body: {} })).status).toBe(200);
    }
    const put = await call("/api/admin/retention/shop", token, { method: "PUT", body: { closedAfterDays: 1 } });
    expect(put.status).toBe(200);
    expect((await put.json<{ policies: unknown[] }>()).policies).toEqual([{ site: "shop", closedAfterDays: 1 }]);

    const old = await closedOn("shop", token, "old and closed");
    const recent = await closedOn("shop", token, "closed today");
    const elsewhere = await closedOn("blog", token, "closed on a site without a policy");
    const open = await conversationOn("shop", "still talking");
    open.customer.close();
    const reopened = await conversationOn("shop", "came back");
    reopened.customer.close();
    await indexed(open.conversationId);
    await indexed(reopened.conversationId);
    await age(old, 2);
    await age(elsewhere, 2);
    await age(open.conversationId, 2);
    // The index still says closed, but the object has been talking since: the object decides.
    await age(reopened.conversationId, 2, "closed");

    expect(await runDurableObjectAlarm(privacyStub(testEnv))).toBe(true);

    expect(await conversationStub(testEnv, old).getRecord()).toBeNull();
    expect(await conversationStub(testEnv, old).getTranscript(0, "agent")).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", old)).toBe(0);
    for (const kept of [recent, elsewhere, open.conversationId, reopened.conversationId]) {
      expect(await conversationStub(testEnv, kept).getRecord(), kept).not.toBeNull();
    }
    expect(await count("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", reopened.conversationId)).toBe(1);

    const report = await (await call("/api/admin/retention", token)).json<{ lastRun: RetentionRun }>();
    expect(report.lastRun).toMatchObject({
      purged: 1,
      sites: [{ site: "shop", closedAfterDays: 1, due: 2 }],
    });
    const audit = await (await call("/api/admin/audit?limit=200", token)).json<{ entries: AuditRow[] }>();
    const purge = audit.entries.find((e) => e.action === "retention.purge");
    expect(purge).toMatchObject({ actorId: "system", actorRole: "system", targetId: report.lastRun.erasureId });
    expect(purge?.detail).toMatchObject({ purged: 1 });
    expect(audit.entries.find((e) => e.action === "retention.update")).toMatchObject({
      targetType: "retention",
      targetId: "shop",
      detail: { closedAfterDays: 1 },
    });
  });

  it("turns a policy off with null and refuses bad days or sites", async () => {
    const { token } = await adminSession();
    await call("/api/admin/retention/shop", token, { method: "PUT", body: { closedAfterDays: 30 } });
    const off = await call("/api/admin/retention/shop", token, { method: "PUT", body: { closedAfterDays: null } });
    expect((await off.json<{ policies: unknown[] }>()).policies).toEqual([]);
    for (const [site, body] of [
      ["shop", { closedAfterDays: 0 }],
      ["shop", { closedAfterDays: 1.5 }],
      ["shop", {}],
      ["Bad Site", { closedAfterDays: 1 }],
    ] as const) {
      const res = await call(`/api/admin/retention/${encodeURIComponent(site)}`, token, { method: "PUT", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
