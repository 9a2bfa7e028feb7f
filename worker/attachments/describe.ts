/**
 * In production, a screenshot sent without words is described by a Workers AI vision model, so the
 * handoff summary can say what the customer showed. Never on the path of a message: the description runs
 * after the message is stored and acked, and a failure only leaves the file undescribed. Locally (the
 * embedded scorer, no AI binding) nothing is described; the entry records `described: false` either way.
 */
import { type AttachmentRef, entryAttachments, isInlineImage } from "../../schema/attachments";
import type { TranscriptEntry } from "../../schema/protocol";
import type { AiBinding } from "../ai/workers-ai/workers-ai-scorer";
import type { Env } from "../env";

export const VISION_MODEL = "@cf/llava-hf/llava-1.5-7b-hf";
/** Larger images are not sent to the model (its input is an array of byte values). */
export const MAX_DESCRIBED_BYTES = 2 * 1024 * 1024;
const PROMPT =
  "A customer sent this image to a support chat. Describe in one short sentence what it shows, " +
  "quoting any error message it contains.";

/** The binding, when this deployment describes images: Workers AI is the scorer and the binding is there. */
export function visionBinding(env: Pick<Env, "SCORER" | "AI">): AiBinding | null {
  return env.SCORER === "workers-ai" && env.AI ? (env.AI as unknown as AiBinding) : null;
}

export const describable = (ref: AttachmentRef): boolean => isInlineImage(ref.type) && ref.size <= MAX_DESCRIBED_BYTES;

/** One sentence about the image, or null when the model answers nothing usable. */
export async function describeImage(ai: AiBinding, bytes: Uint8Array): Promise<string | null> {
  const output = (await ai.run(VISION_MODEL, { image: [...bytes], prompt: PROMPT, max_tokens: 80 })) as {
    description?: unknown;
  } | null;
  const text = typeof output?.description === "string" ? output.description.trim() : "";
  return text ? text.slice(0, 300) : null;
}

/**
 * The transcript as the summariser reads it: a file-only message stands for what it carried, its files'
 * descriptions where there are some, else their names.
 */
export function transcriptForSummary(
  transcript: TranscriptEntry[],
  descriptions: Map<string, string>,
): TranscriptEntry[] {
  return transcript.map((entry) => {
    const files = entryAttachments(entry.meta);
    if (entry.text || files.length === 0) return entry;
    const said = files.map((f) => `[${f.name}: ${descriptions.get(f.id) ?? "not described"}]`).join(" ");
    return { ...entry, text: `(sent ${said})` };
  });
}
