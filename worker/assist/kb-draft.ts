/**
 * A draft knowledge-base article from a conversation an agent resolved: the question the customer asked (the
 * knowledge gap's, or the conversation's own gap question) as its title, and the agent's replies to the customer
 * after it as its body, verbatim, for an admin to edit before it goes live.
 */
import type { ContextPackage } from "../../schema/context";
import type { KbDraftRow } from "../db/assist";
import { contentTerms } from "../ai/embedded/terms";
import { gapQuestion } from "./knowledge-gaps";

const MAX_TAGS = 5;

export function kbDraftFrom(
  context: Pick<ContextPackage, "conversationId" | "transcript" | "summaryFields">,
  question: string | undefined,
  createdBy: string,
  now: number,
): KbDraftRow | null {
  const replies = context.transcript.filter((e) => e.kind === "message" && e.author.role === "agent");
  if (replies.length === 0) return null;
  const title = (question ?? gapQuestion(context)) || context.summaryFields.issue || "Untitled";
  // The agent's answers, without the greeting a reply often opens with.
  const body = replies
    .map((e) => e.text.trim())
    .filter((t) => contentTerms(t).length >= 3)
    .join("\n\n");
  if (!body) return null;
  return {
    id: crypto.randomUUID(),
    title: title.slice(0, 200),
    body: body.slice(0, 20_000),
    tags: contentTerms(title).slice(0, MAX_TAGS),
    conversationId: context.conversationId,
    createdBy,
    createdAt: now,
    publishedArticleId: null,
  };
}
