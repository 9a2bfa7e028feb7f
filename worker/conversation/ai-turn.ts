/** What the scorer is given from the transcript: the message with its recent history, and the summary's input. */
import type { TranscriptEntry } from "../../schema/protocol";
import { extractiveSummary } from "../ai/embedded/summarize";
import type { PriorTurn } from "../ai/scorer";

/** Whether the site's daily AI budget has a turn left (./ai-budget.ts). */
export { admitAiTurn } from "./ai-budget";

const HISTORY_TURNS = 10;

/**
 * The customer message `seq` with the ten messages before it; and the AI answer it directly follows,
 * if it does (a "thanks" to it confirms it). Undefined when `seq` is not a message.
 */
export function turnInput(
  transcript: TranscriptEntry[],
  seq: number,
): { text: string; history: PriorTurn[]; answerSeq?: number } | undefined {
  const messages = transcript.filter((e) => e.kind === "message" && e.seq <= seq);
  const message = messages.at(-1);
  if (message?.seq !== seq) return undefined;
  const previous = messages.at(-2);
  const history = messages
    .slice(0, -1)
    .slice(-HISTORY_TURNS)
    .map((e) => ({ role: e.author.role as PriorTurn["role"], text: e.text }));
  return { text: message.text, history, ...(previous?.author.role === "ai" ? { answerSeq: previous.seq } : {}) };
}

/** The messages, and the agents' notes as role "note" (a transfer's note reaches the receiving agent's summary). */
export function summaryInput(transcript: TranscriptEntry[]): { role: string; text: string }[] {
  return transcript
    .filter((e) => e.kind === "message" || e.kind === "note")
    .map((e) => ({ role: e.kind === "note" ? "note" : e.author.role, text: e.text }));
}

/**
 * When the summariser fails or may not spend AI: the embedded extractive summary (local, no model call), with the
 * agents' notes; the customer's own words when it finds nothing.
 */
export function fallbackSummary(transcript: TranscriptEntry[]): string {
  const turns = summaryInput(transcript);
  const extractive = extractiveSummary(turns);
  if (extractive) return extractive;
  return turns
    .filter((t) => t.role === "customer")
    .map((t) => t.text)
    .join(" ")
    .slice(0, 280);
}
