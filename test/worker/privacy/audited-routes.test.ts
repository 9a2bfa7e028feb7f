// The audit table's pure logic: which requests are audited as what, and which body values are kept.
import { describe, expect, it } from "vitest";
import { auditDetail, auditedAction } from "../../../worker/audit/audited-routes";

describe("auditedAction", () => {
  it("names admin writes and agent actions with their target", () => {
    expect(auditedAction("PATCH", "/api/agents/a-1")).toEqual({
      action: "agent.update",
      targetType: "agent",
      targetId: "a-1",
    });
    expect(auditedAction("DELETE", "/api/agents/a-1")?.action).toBe("agent.disable");
    expect(auditedAction("POST", "/api/teams")).toEqual({ action: "team.create", targetType: "team", targetId: null });
    expect(auditedAction("POST", "/api/agent/conversations/c%201/transfer")?.targetId).toBe("c 1");
    expect(auditedAction("POST", "/api/admin/webhooks/w1/deliveries/d1/redeliver")?.action).toBe("webhook.redeliver");
    expect(auditedAction("PUT", "/api/sites/shop")?.action).toBe("site.update");
    expect(auditedAction("PUT", "/api/admin/retention/shop")?.action).toBe("retention.update");
    expect(auditedAction("PUT", "/api/settings/access")?.action).toBe("settings.access");
  });

  it("leaves reads, customer routes and sign-in out", () => {
    expect(auditedAction("GET", "/api/agents/a-1")).toBeNull();
    expect(auditedAction("POST", "/api/conversations")).toBeNull();
    expect(auditedAction("POST", "/api/auth/login")).toBeNull();
    expect(auditedAction("POST", "/api/agent/conversations/c1/claim/extra")).toBeNull();
  });
});

describe("auditDetail", () => {
  it("keeps field names and only the values that hold no secret or customer text", () => {
    expect(auditDetail({ role: "admin", password: "hunter22", note: "private words", toTeam: "billing" })).toEqual({
      fields: ["note", "password", "role", "toTeam"],
      role: "admin",
      toTeam: "billing",
    });
    expect(auditDetail(undefined)).toBeNull();
    expect(auditDetail({})).toBeNull();
    expect(auditDetail([1, 2])).toBeNull();
  });
});
