/**
 * A scored turn put into the customer's language before the handoff machine sees it: the reply to a
 * dialogue act in that language, each citation marked with the language of the article version it came from,
 * and an extractive answer taken from an English original (no version in the customer's language) introduced
 * as such, in the customer's language. A generated answer (Workers AI) is already written in the customer's
 * language from whatever article it read, so it gets no such note.
 */
import { actReply } from "../ai/acts/replies";
import type { KbArticle, Persona, TurnScore } from "../ai/scorer";
import { turnLanguage } from "./conversation-language";
import { copyLanguage, customerCopy } from "./customer-copy";

export interface LocaliseContext {
  /** The conversation's language before this turn (primary subtag). */
  language: string | undefined;
  /** The customer's message: its detected language (`score.language`) may switch the conversation's. */
  text: string;
  persona?: Persona;
  /** The article set the scorer was given (./articles in the customer's language). */
  articles: KbArticle[];
}

export function localiseScore(score: TurnScore, context: LocaliseContext): TurnScore {
  const { persona, articles } = context;
  const language = turnLanguage(context.language, score, context.text);
  if (score.error) return score;
  if (score.act) return { ...score, answer: actReply(score.act, persona, language) };
  if (score.citations.length === 0) return score;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const citations = score.citations.map((c) => ({ ...c, language: byId.get(c.id)?.language ?? "en" }));
  const speaks = copyLanguage(language);
  const fromEnglish = citations[0].language === "en";
  const answer =
    score.scorer === "embedded" && speaks !== "en" && fromEnglish && score.answer.trim()
      ? `${customerCopy(speaks).answerInEnglish} ${score.answer}`
      : score.answer;
  return { ...score, citations, answer };
}
