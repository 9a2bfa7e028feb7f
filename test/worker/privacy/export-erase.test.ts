// A customer's data: exported as one JSON attachment with everything held about them, and erased from
// every object, D1 table and the search, by a durable job that finishes after a crash halfway.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AuditRow } from "../../../schema/db";
import { conversationStub } from "../../../worker/conversation/stub";
import { ERASED_CLOSE_CODE } from "../../../worker/privacy/conversation-data";
import { eraseNextConversation, runErasure, startErasure } from "../../../worker/privacy/erasure-job";
import type { CustomerExport } from "../../../worker/privacy/export";
import { privacyStub } from "../../../worker/privacy/privacy-object";
import { identityHash } from "../../../worker/sites/identity";
import {
  adminSession,
  call,
  count,
  leftovers,
  poll,
  ratedConversation,
  registerWebhook,
  testEnv,
  ticketConversation,
  customerWrote,
  indexed,
  writtenConversation,
} from "./fixtures";

async function objectState(id: string) {
  const stub = conversationStub(testEnv, id);
  return { record: await stub.getRecord(), transcript: await stub.getTranscript(0, "agent") };
}

async function auditActions(token: string) {
  const page = await (await call("/api/admin/audit?limit=200", token)).json<{ entries: AuditRow[] }>();
  return page.entries;
}

/** A bystander: another customer whose data must survive every erasure. */
function bystander(marker: string) {
  return writtenConversation({ customer: { name: "Olga", email: "olga@example.com" } }, `olga ${marker}`);
}

describe("customer export", () => {
  it("answers one JSON attachment with the conversations' transcripts, tickets and replies, CSAT and handoffs", async () => {
    const { token } = await adminSession();
    const email = "erin.export@example.com";
    const rated = await ratedConversation(token, email, "EXP-111");
    const { conversationId: ticketed, ticketId } = await ticketConversation(token, email, "EXP-222");
    await bystander("EXP-333");

    const res = await call(`/api/admin/customers/export?email=${encodeURIComponent("Erin.Export@example.com")}`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="customer-export-\d+\.json"$/);
    const data = await res.json<CustomerExport>();
    expect(data.conversations.map((c) => c.id).sort()).toEqual([rated, ticketed].sort());
    const text = (id: string) =>
      data.conversations
        .find((c) => c.id === id)
        ?.transcript.map((e) => e.text)
        .join("\n");
    expect(text(rated)).toContain("my parcel EXP-111 never came");
    expect(text(ticketed)).toContain("refund for EXP-222 please");
    expect(data.conversations.find((c) => c.id === ticketed)?.record.contact).toMatchObject({
      email,
      orderNumber: "EXP-222",
    });
    expect(data.tickets.map((t) => t.id)).toEqual([ticketId]);
    expect(data.tickets[0].replies.map((r) => r.body)).toEqual(["about EXP-222: sent"]);
    expect(data.csat).toMatchObject([{ conversationId: rated, score: 2, comment: "slow about EXP-111" }]);
    expect(data.handoffs.map((h) => h.conversationId).sort()).toEqual([rated, ticketed].sort());
    expect(JSON.stringify(data)).not.toContain("EXP-333");

    const entry = (await auditActions(token)).find((e) => e.action === "customer.export");
    expect(entry?.detail).toEqual({ by: "email", conversations: 2 });
    expect(JSON.stringify(entry)).not.toContain(email);
  });

  it("reads a customer with more conversations than D1 binds parameters in one statement", async () => {
    const { token } = await adminSession();
    const email = "erin.many@example.com";
    const rated = await ratedConversation(token, email, "MANY-1");
    // Index rows whose objects hold nothing (never created): more than 100 ids in the export's queries.
    const now = Date.now();
    const ghosts = Array.from({ length: 120 }, () => crypto.randomUUID());
    await testEnv.DB.batch(
      ghosts.map((id) =>
        testEnv.DB.prepare(
          "INSERT INTO conversations (id, status, customer_email, created_at, updated_at) VALUES (?, 'closed', ?, ?, ?)",
        ).bind(id, email, now, now),
      ),
    );
    const res = await call(`/api/admin/customers/export?email=${encodeURIComponent(email)}`, token);
    expect(res.status).toBe(200);
    const data = await res.json<CustomerExport>();
    expect(data.conversations.map((c) => c.id)).toEqual([rated]);
    expect(data.csat.map((c) => c.conversationId)).toEqual([rated]);
  });

  it("refuses a query naming nobody, or two ways at once", async () => {
    const { token } = await adminSession();
    for (const query of ["", "?email=not-an-email", "?email=a@example.com&userId=u1"]) {
      const res = await call(`/api/admin/customers/export${query}`, token);
      expect(res.status, query).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("bad_request");
    }
  });
});

describe("customer erasure", () => {
  it("survives a crash after the first of two conversations, and the alarm finishes it: nothing is left", async () => {
    const { admin, token } = await adminSession();
    await registerWebhook(token);
    const email = "erin.erase@example.com";
    const rated = await ratedConversation(token, email, "ERA-111");
    const { conversationId: ticketed } = await ticketConversation(token, email, "ERA-222");
    const other = await bystander("KEEP-333");
    await poll(
      () => count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE payload LIKE ?", `%${rated}%`),
      (n) => n >= 2,
    );

    // What the route does, up to a crash: the job is written, the object's alarm armed, one step done.
    const erasureId = await startErasure(testEnv.DB, {
      reason: "request",
      requestedBy: admin.id,
      customer: { email },
      conversationIds: [rated, ticketed],
    });
    const privacy = privacyStub(testEnv);
    await runInDurableObject(privacy, async (_instance, state) => {
      await state.storage.setAlarm(Date.now() + 30_000);
      expect(await eraseNextConversation(testEnv, erasureId)).toBe(true);
    });
    const [first, second] = [rated, ticketed].sort();
    expect((await objectState(first)).record).toBeNull();
    expect((await objectState(second)).record).not.toBeNull();
    const halfway = await (await call(`/api/admin/erasures/${erasureId}`, token)).json<{
      erasure: { status: string; erased: number; conversations: number };
    }>();
    expect(halfway.erasure).toMatchObject({ status: "pending", erased: 1, conversations: 2 });

    expect(await runDurableObjectAlarm(privacy)).toBe(true);

    const done = await (await call(`/api/admin/erasures/${erasureId}`, token)).json<{
      erasure: { status: string; erased: number; completedAt: number | null };
    }>();
    expect(done.erasure).toMatchObject({ status: "done", erased: 2 });
    for (const id of [rated, ticketed]) expect(await objectState(id)).toEqual({ record: null, transcript: [] });
    // The audit log keeps agents' actions by opaque conversation id; nothing else may name the customer.
    const left = await leftovers([email, "ERA-111", "ERA-222", rated, ticketed]);
    expect(left.filter((l) => !l.startsWith("audit_log:"))).toEqual([]);
    expect(left.filter((l) => l.startsWith("audit_log:") && !l.endsWith(rated) && !l.endsWith(ticketed))).toEqual([]);
    const search = await call(`/api/agent/conversations?q=${encodeURIComponent(email)}`, token);
    expect((await search.json<{ conversations: unknown[] }>()).conversations).toEqual([]);
    expect((await call("/api/agent/conversations?q=ERA-222", token)).status).toBe(200);
    // The bystander is untouched.
    expect((await objectState(other)).transcript.some((e) => e.text === "olga KEEP-333")).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", other)).toBe(1);
  });

  it("records a failing step on the job, keeps it pending, and the alarm finishes it", async () => {
    const { admin, token } = await adminSession();
    const email = "erin.fail@example.com";
    const ids = [];
    for (const text of ["first FAIL-1", "second FAIL-2"]) {
      const { conversationId, customer } = await customerWrote({ customer: { name: "Erin", email } }, text);
      customer.close();
      ids.push(conversationId);
    }
    const erasureId = await startErasure(testEnv.DB, {
      reason: "request",
      requestedBy: admin.id,
      customer: { email },
      conversationIds: ids,
    });
    const [first, second] = [...ids].sort();
    // Test-only: the second object is unreachable for this run (as when its storage is overloaded).
    const namespace = testEnv.CONVERSATION;
    const flaky = {
      ...testEnv,
      CONVERSATION: {
        idFromName: (name: string) => namespace.idFromName(name),
        get: (id: DurableObjectId) => {
          if (id.equals(namespace.idFromName(second)))
            return { eraseData: () => Promise.reject(new Error("overloaded")) };
          return namespace.get(id);
        },
      },
    } as unknown as typeof testEnv;
    const privacy = privacyStub(testEnv);
    await runInDurableObject(privacy, async (_instance, state) => {
      await state.storage.setAlarm(Date.now() + 30_000);
      await expect(runErasure(flaky, erasureId)).rejects.toThrow("overloaded");
    });
    const failed = await (await call(`/api/admin/erasures/${erasureId}`, token)).json<{
      erasure: { status: string; erased: number; attempts: number; lastError: string };
    }>();
    expect(failed.erasure).toMatchObject({ status: "pending", erased: 1, attempts: 1 });
    expect(failed.erasure.lastError).toContain("overloaded");
    expect((await objectState(first)).record).toBeNull();
    expect((await objectState(second)).record).not.toBeNull();

    expect(await runDurableObjectAlarm(privacy)).toBe(true);
    const done = await (await call(`/api/admin/erasures/${erasureId}`, token)).json<{
      erasure: { status: string; erased: number; lastError: string | null };
    }>();
    expect(done.erasure).toMatchObject({ status: "done", erased: 2, lastError: null });
    expect(await objectState(second)).toEqual({ record: null, transcript: [] });
    expect(await leftovers([email, "FAIL-1", "FAIL-2", ...ids])).toEqual([]);
  });

  it("exports and erases by verified user id on one site, leaving the same id on another site and unverified ones", async () => {
    const { token } = await adminSession();
    const secret = "privacy-identity-secret-0123456789abcdef";
    for (const site of ["shop-a", "shop-b"]) {
      const res = await call(`/api/sites/${site}`, token, { method: "PUT", body: { identitySecret: secret } });
      expect(res.status).toBe(200);
    }
    const userHash = await identityHash(secret, "user-77");
    const verified = await writtenConversation(
      { site: "shop-a", customer: { userId: "user-77", userHash } },
      "mine UID-1",
    );
    const otherSite = await writtenConversation(
      { site: "shop-b", customer: { userId: "user-77", userHash } },
      "other site UID-2",
    );
    const unverified = await writtenConversation({ site: "shop-a", customer: { userId: "user-77" } }, "claimed UID-3");

    const exported = await call("/api/admin/customers/export?userId=user-77&site=shop-a", token);
    const data = await exported.json<CustomerExport>();
    expect(data.conversations.map((c) => c.id)).toEqual([verified]);

    const res = await call("/api/admin/customers/erase", token, {
      method: "POST",
      body: { userId: "user-77", site: "shop-a" },
    });
    expect((await res.json<{ erasure: { erased: number } }>()).erasure.erased).toBe(1);
    expect(await objectState(verified)).toEqual({ record: null, transcript: [] });
    for (const kept of [otherSite, unverified]) expect((await objectState(kept)).record).not.toBeNull();
    expect(await leftovers(["UID-1", verified])).toEqual([]);
  });

  it("erases through the route: sockets closed, answered done, audited without the email", async () => {
    const { token } = await adminSession();
    const email = "erin.route@example.com";
    const { conversationId, customer } = await customerWrote(
      { customer: { name: "Erin", email } },
      "delete me ROUTE-1",
    );
    await indexed(conversationId);

    const res = await call("/api/admin/customers/erase", token, { method: "POST", body: { email } });
    expect(res.status).toBe(200);
    const { erasure } = await res.json<{ erasure: { id: string; status: string; erased: number } }>();
    expect(erasure).toMatchObject({ status: "done", erased: 1 });
    await poll(
      async () => customer.closed,
      (closed) => closed !== null,
    );
    expect(customer.closed?.code).toBe(ERASED_CLOSE_CODE);
    expect(await objectState(conversationId)).toEqual({ record: null, transcript: [] });
    expect(await count("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", conversationId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM erasures WHERE email IS NOT NULL OR user_id IS NOT NULL")).toBe(0);

    const entry = (await auditActions(token)).find((e) => e.action === "customer.erase");
    expect(entry).toMatchObject({
      targetType: "erasure",
      targetId: erasure.id,
      detail: { by: "email", conversations: 1 },
    });
    expect(JSON.stringify(entry)).not.toContain(email);
    // Erasing again finds nothing and is still done.
    const again = await call("/api/admin/customers/erase", token, { method: "POST", body: { email } });
    expect((await again.json<{ erasure: { erased: number } }>()).erasure.erased).toBe(0);
  });
});
