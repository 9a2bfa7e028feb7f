// The handoff machine (worker/handoff) in plain Node: the one-text summary is written again for the agent a
// conversation is transferred to, without announcing or routing the handoff a second time.
import { describe, expect, it } from "vitest";
import { transition } from "../../worker/handoff/machine";
import { ada, bob, config, effect, event, kinds, ok, T0, withAgent } from "./machine-fixtures";

describe("the summary on a transfer to another agent", () => {
  it("is written again for the receiving agent, without announcing or routing the handoff again", () => {
    const r = withAgent(ada);
    const first = ok(transition(r, event({ type: "summary_ready", handoffId: r.handoff!.id, summary: "v1" }), config));
    expect(kinds(first)).toContain("webhook");
    expect(first.record.handoff?.summarizedAt).toBe(T0 + 1000);

    const moved = ok(
      transition(first.record, event({ type: "transfer", by: ada, to: { agent: bob, note: "VIP" } }), config),
    );
    expect(effect(moved, "summarize").handoffId).toBe(r.handoff!.id);

    const ev = event({ type: "summary_ready", handoffId: r.handoff!.id, summary: "v2 Note: VIP" }, T0 + 5000);
    const again = ok(transition(moved.record, ev, config));
    expect(again.record.summary).toBe("v2 Note: VIP");
    expect(again.record.assignedAgent).toEqual(bob);
    expect(kinds(again)).toEqual(["index", "lobby"]);
    expect(effect(again, "lobby").event).toMatchObject({ kind: "updated" });
  });

  it("is written once per handoff on a transfer to a team: a fresh handoff, announced and routed", () => {
    const moved = ok(
      transition(withAgent(ada), event({ type: "transfer", by: ada, to: { team: "billing", note: "" } }), config),
    );
    const handoffId = moved.record.handoff!.id;
    expect(moved.effects.filter((e) => e.kind === "summarize")).toEqual([{ kind: "summarize", handoffId }]);
    const ready = ok(transition(moved.record, event({ type: "summary_ready", handoffId, summary: "s" }), config));
    expect(kinds(ready)).toEqual(expect.arrayContaining(["webhook", "route"]));
  });
});
