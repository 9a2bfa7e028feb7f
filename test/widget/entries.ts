/** Transcript entries for the widget's pure-logic tests: an AI message by default, `extra` overrides. */
import type { TranscriptEntry } from "../../schema/protocol";

export const entry = (seq: number, extra: Partial<TranscriptEntry> = {}): TranscriptEntry => ({
  seq,
  id: `e${seq}`,
  kind: "message",
  author: { role: "ai" },
  text: `entry ${seq}`,
  at: 0,
  ...extra,
});

/** A system entry recording a handoff event (offered, queued, closed...). */
export const systemEntry = (seq: number, event: TranscriptEntry["event"]) =>
  entry(seq, { kind: "system", author: { role: "system" }, event });
