// An agent's reply as stored: the quick replies it offers, and how far it moved from the AI draft it started from.
import { describe, expect, it } from "vitest";
import { agentMessageEntry, draftMeta } from "../../worker/assist/agent-message";

const author = { role: "agent" as const, id: "a1", name: "Ana" };

describe("agentMessageEntry", () => {
  it("records the edit distance from the draft, agents only", () => {
    const entry = agentMessageEntry(
      { type: "message", id: "m1", text: "Restart the hub, please.", draft: "Restart the hub." },
      author,
    );
    expect(entry.internal?.draft).toEqual(draftMeta("Restart the hub.", "Restart the hub, please."));
    expect((entry.internal?.draft as { editDistance: number } | undefined)?.editDistance).toBe(8);
    expect(entry.meta).toBeUndefined();
  });

  it("measures a translated reply against what the agent wrote, not the translation", () => {
    const entry = agentMessageEntry(
      {
        type: "message",
        id: "m2",
        text: "Redémarrez le hub.",
        draft: "Restart the hub.",
        original: { text: "Restart the hub.", language: "en", model: "@cf/meta/m2m100-1.2b" },
      },
      author,
    );
    expect((entry.internal?.draft as { editDistance: number } | undefined)?.editDistance).toBe(0);
  });

  it("keeps the attachments' fields beside the quick replies", () => {
    const attached = { meta: { attachments: [{ id: "f1", name: "a.png", type: "image/png", size: 3 }] } };
    const entry = agentMessageEntry(
      { type: "message", id: "m3", text: "Pick one", quickReplies: ["Yes", "No"] },
      author,
      attached,
    );
    expect(entry.meta?.attachments).toEqual(attached.meta.attachments);
    expect(entry.meta?.quickReplies).toEqual([
      { label: "Yes", value: "say:Yes" },
      { label: "No", value: "say:No" },
    ]);
  });
});
