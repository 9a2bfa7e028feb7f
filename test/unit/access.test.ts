import { describe, expect, it } from "vitest";
import {
  AGENT_ACTIONS,
  type ConversationAccess,
  canSeeTeam,
  denial,
  isNoop,
  may,
  offeredActions,
  type Viewer,
} from "../../schema/access";

const ana: Viewer = { id: "ana", role: "agent", teams: ["billing"] };
const bob: Viewer = { id: "bob", role: "agent", teams: ["support"] };
const root: Viewer = { id: "root", role: "admin", teams: [] };

const conv = (status: ConversationAccess["status"], assignedAgentId: string | null = null): ConversationAccess => ({
  status,
  team: "billing",
  assignedAgentId,
});

describe("canSeeTeam", () => {
  it("shows agents their own teams and unteamed conversations, admins everything", () => {
    expect(canSeeTeam(ana, "billing")).toBe(true);
    expect(canSeeTeam(ana, null)).toBe(true);
    expect(canSeeTeam(ana, "support")).toBe(false);
    expect(canSeeTeam(root, "support")).toBe(true);
  });
});

describe("claim", () => {
  it("is allowed while the AI or the queue holds the conversation", () => {
    expect(may(ana, "claim", conv("bot"))).toBe(true);
    expect(may(ana, "claim", conv("queued"))).toBe(true);
  });

  it("is refused to everyone, admins included, once another agent holds it (the admin-Claim drift)", () => {
    expect(denial(bob, "claim", conv("agent", "ana"))).toEqual({
      code: "already_claimed",
      message: "Another agent already took this conversation",
    });
    expect(denial(bob, "claim", { ...conv("agent", "ana"), assignedAgentName: "Ana" })?.message).toBe(
      "Ana already took this conversation",
    );
    expect(denial(root, "claim", conv("agent", "ana"))?.code).toBe("already_claimed");
    expect(offeredActions(root, conv("agent", "ana")).claim).toBe(false);
  });

  it("is refused on a closed conversation, and a no-op on one's own", () => {
    expect(denial(ana, "claim", conv("closed"))?.code).toBe("invalid_state");
    expect(may(ana, "claim", conv("agent", "ana"))).toBe(true);
    expect(isNoop(ana, "claim", conv("agent", "ana"))).toBe(true);
    expect(offeredActions(ana, conv("agent", "ana")).claim).toBe(false);
  });
});

describe("reply and note", () => {
  it("lets only the assigned agent reply, admins included", () => {
    expect(may(ana, "reply", conv("agent", "ana"))).toBe(true);
    expect(may(root, "reply", conv("agent", "ana"))).toBe(false);
    expect(may(ana, "reply", conv("queued"))).toBe(false);
    expect(denial(bob, "reply", conv("agent", "ana"))?.message).toBe("claim the conversation before replying");
  });

  it("lets anyone add a note in any state", () => {
    for (const status of ["bot", "queued", "agent", "closed"] as const)
      expect(may(bob, "note", conv(status, "ana"))).toBe(true);
  });
});

describe("transfer, hand back, close", () => {
  it("transfer and hand back: the assignee or an admin, only while an agent holds it", () => {
    for (const action of ["transfer", "handback"] as const) {
      expect(may(ana, action, conv("agent", "ana"))).toBe(true);
      expect(may(root, action, conv("agent", "ana"))).toBe(true);
      expect(denial(bob, action, conv("agent", "ana"))?.code).toBe("invalid_state");
      expect(may(ana, action, conv("queued"))).toBe(false);
      expect(may(root, action, conv("bot"))).toBe(false);
    }
  });

  it("close: anyone before an agent holds it; then the assignee or an admin; a closed one is a no-op", () => {
    expect(may(bob, "close", conv("queued"))).toBe(true);
    expect(may(bob, "close", conv("bot"))).toBe(true);
    expect(may(bob, "close", conv("agent", "ana"))).toBe(false);
    expect(may(ana, "close", conv("agent", "ana"))).toBe(true);
    expect(may(root, "close", conv("agent", "ana"))).toBe(true);
    expect(isNoop(bob, "close", conv("closed"))).toBe(true);
    expect(offeredActions(bob, conv("closed")).close).toBe(false);
  });
});

it("allows nothing while the conversation's state is unknown", () => {
  for (const action of AGENT_ACTIONS) expect(may(root, action, conv(null))).toBe(false);
});
