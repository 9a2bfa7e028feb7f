import { INTENTS, type Intent, type Trigger } from "../../schema/domain";

/** Words for codes: triggers, sentiment, times. */
const TRIGGERS: Record<Trigger, string> = {
  low_confidence: "Low confidence",
  negative_sentiment: "Negative sentiment",
  customer_request: "Asked for a human",
  failed_attempts: "Failed attempts",
  ai_error: "AI error",
  topic: "Topic rule",
  transfer: "Transferred",
  agent_takeover: "Agent took over",
  ai_budget: "AI budget used up",
};
const TOPICS: Partial<Record<Intent, string>> = {
  billing_dispute: "Billing dispute",
  cancellation: "Cancellation",
};

const isTrigger = (s: string): s is Trigger => s in TRIGGERS;
const isTopic = (s: string): s is Intent => (INTENTS as readonly string[]).includes(s);

/** The readable badge for a trigger; a topic handoff names its topic (the structured `topic` field). */
export function triggerLabel(trigger: string | null | undefined, topic?: string | null): string {
  if (!trigger) return "Handoff";
  if (trigger === "topic" && topic && isTopic(topic)) return TOPICS[topic] ?? words(topic);
  return isTrigger(trigger) ? TRIGGERS[trigger] : words(trigger);
}
const words = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, " ");

export function sentimentInfo(s: number | null | undefined): { label: string; cls: string } {
  if (s == null) return { label: "Sentiment unknown", cls: "neutral" };
  if (s <= -0.3) return { label: `Negative sentiment (${s.toFixed(2)})`, cls: "neg" };
  if (s >= 0.3) return { label: `Positive sentiment (${s.toFixed(2)})`, cls: "pos" };
  return { label: `Neutral sentiment (${s.toFixed(2)})`, cls: "neutral" };
}

export function waited(since: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
export const dateTime = (at: number) => new Date(at).toLocaleString([], { dateStyle: "short", timeStyle: "short" });
export const firstLine = (s: string | null | undefined) =>
  (s ?? "").split(/\r?\n|(?<=[.!?])\s/)[0]?.slice(0, 160) ?? "";
