// The assist report from recorded rows: first reply and handle time for drafted vs not, draft acceptance, gaps per
// day, and the CSV.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AssistReport } from "../../../worker/assist/report";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { agentGet } from "../helpers/sockets";

const testEnv: Env = env;
const T = Date.UTC(2030, 0, 10);

async function seed() {
  const db = testEnv.DB;
  const handoff = (id: string, firstReply: number, resolved: number | null, outcome: string | null) =>
    db
      .prepare(
        "INSERT INTO handoffs (id, conversation_id, trigger, queued_at, claimed_at, first_reply_at, resolved_at, outcome) VALUES (?, ?, 'low_confidence', ?, ?, ?, ?, ?)",
      )
      .bind(id, `conv-${id}`, T, T + 10_000, T + firstReply, resolved, outcome);
  await db.batch([
    handoff("h1", 20_000, T + 70_000, "resolved"), // drafted: first reply 20 s, handled 60 s
    handoff("h2", 40_000, T + 110_000, "resolved"), // drafted: 40 s, 100 s
    handoff("h3", 90_000, T + 310_000, "resolved"), // not drafted: 90 s, 300 s
    handoff("h4", 60_000, T + 5_000, "ticket"), // a ticket before any claim: no handle time
    db
      .prepare(
        "INSERT INTO draft_replies (id, conversation_id, handoff_id, agent_id, edit_distance, draft_chars, created_at) VALUES ('d1', 'conv-h1', 'h1', 'a', 0, 100, ?), ('d2', 'conv-h2', 'h2', 'a', 50, 100, ?)",
      )
      .bind(T + 20_000, T + 40_000),
    db
      .prepare(
        "INSERT INTO assist_suggestions (id, conversation_id, agent_id, grounded, created_at) VALUES ('s1', 'conv-h1', 'a', 1, ?), ('s2', 'conv-h2', 'a', 1, ?), ('s3', 'conv-h3', 'a', 1, ?), ('s4', 'conv-h3', 'a', 0, ?)",
      )
      .bind(T + 15_000, T + 35_000, T + 80_000, T + 85_000),
    db
      .prepare(
        "INSERT INTO knowledge_gaps (handoff_id, conversation_id, question, trigger, created_at) VALUES ('h1', 'conv-h1', 'Do you ship to Mars?', 'low_confidence', ?), ('h3', 'conv-h3', 'Can you ship to Mars', 'low_confidence', ?)",
      )
      .bind(T, T + 86_400_000),
  ]);
}

describe("GET /api/agent/assist/report", () => {
  it("compares drafted and other handoffs and counts draft acceptance and gaps", async () => {
    await seed();
    const { token } = await createSignedInAgent(testEnv, { name: "Rita R" });
    const q = `from=${T - 1000}&to=${T + 2 * 86_400_000}`;
    const res = await agentGet(`/api/agent/assist/report?${q}`, token);
    expect(res.status).toBe(200);
    const { report } = await res.json<{ report: AssistReport }>();
    expect(report.drafts).toEqual({
      drafted: { handoffs: 2, firstReplyMedianSeconds: 20, handleMedianSeconds: 60 },
      notDrafted: { handoffs: 2, firstReplyMedianSeconds: 60, handleMedianSeconds: 300 },
      suggestions: 4,
      groundedSuggestions: 3,
      draftedReplies: 2,
      acceptanceRate: 2 / 3,
      acceptedAsIs: 1,
    });
    expect(report.gapsByDay).toEqual([
      { day: "2030-01-10", count: 1, handoffs: 1, unanswered: 0 },
      { day: "2030-01-11", count: 1, handoffs: 1, unanswered: 0 },
    ]);
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0].count).toBe(2);
    const csv = await (await agentGet(`/api/agent/assist/report?${q}&format=csv`, token)).text();
    expect(csv).toContain("draft_acceptance_rate,0.6666666666666666\n");
    expect(csv).toContain("handle_median_s_not_drafted,300\n");
    expect(csv).toContain("knowledge_gaps_2030-01-11,1\n");
    expect((await agentGet(`/api/agent/assist/report?from=${T}&to=${T}`, token)).status).toBe(400);
    expect((await agentGet("/api/agent/assist/report?format=xml", token)).status).toBe(400);
  });
});
