/**
 * The lobby's side of claim mode by language (worker/routing/claim-offer.ts): which new conversations are
 * announced to their language's speakers only for now, kept in the lobby's SQLite so an offer outlives
 * hibernation, and what the lobby tells each console. An offer ends when its window passes (the lobby's alarm
 * announces the conversation to everyone else) or at the conversation's next change but a new summary.
 */
import type { QueueEvent } from "../../schema/protocol";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { getTeam, onlineAgents } from "../routing/availability";
import { type LanguageOffer, languageOffer } from "../routing/claim-offer";

export interface HeldOffer {
  event: QueueEvent;
  speakers: Set<string>;
}

export class LanguageOffers {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(
      `CREATE TABLE IF NOT EXISTS language_offers (
        conversation_id TEXT PRIMARY KEY, open_at INTEGER NOT NULL, speakers TEXT NOT NULL, event TEXT NOT NULL)`,
    );
  }

  /**
   * The offer a new conversation gets, held until its window passes; null (everyone hears now) when it gets
   * none or D1 cannot say who speaks the language.
   */
  async open(env: Pick<Env, "DB">, event: QueueEvent, connected: ReadonlySet<string>): Promise<LanguageOffer | null> {
    if (event.kind !== "handoff" || !event.team || !event.language) return null;
    let offer: LanguageOffer | null;
    try {
      const db = getDb(env.DB);
      const [team, candidates] = await Promise.all([getTeam(db, event.team), onlineAgents(db, event.team)]);
      offer = languageOffer({ language: event.language, team, candidates, connected, at: Date.now() });
    } catch (error) {
      console.error("language offer: D1 unreachable; announcing to everyone", error);
      return null;
    }
    if (offer)
      this.sql.exec(
        "INSERT INTO language_offers (conversation_id, open_at, speakers, event) VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET open_at = excluded.open_at, speakers = excluded.speakers, event = excluded.event",
        event.conversationId,
        offer.openAt,
        JSON.stringify(offer.speakers),
        JSON.stringify(event),
      );
    return offer;
  }

  /**
   * A later event of the conversation: a newer summary is kept for the announcement to come; anything else
   * (claimed, transferred, handed back, closed, escalated) ends the offer.
   */
  settle(event: QueueEvent): void {
    if (event.kind === "handoff") return;
    if (event.kind === "updated" && event.status === "queued")
      this.sql.exec(
        "UPDATE language_offers SET event = ? WHERE conversation_id = ?",
        JSON.stringify({ ...event, kind: "handoff" }),
        event.conversationId,
      );
    else this.sql.exec("DELETE FROM language_offers WHERE conversation_id = ?", event.conversationId);
  }

  /** The offers whose window has passed, removed: each is to be announced to everyone but its speakers. */
  takeDue(now: number): HeldOffer[] {
    return this.sql
      .exec<{ speakers: string; event: string }>(
        "DELETE FROM language_offers WHERE open_at <= ? RETURNING speakers, event",
        now,
      )
      .toArray()
      .map((r) => ({
        event: JSON.parse(r.event) as QueueEvent,
        speakers: new Set(JSON.parse(r.speakers) as string[]),
      }));
  }

  nextAt(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT MIN(open_at) AS at FROM language_offers").one().at;
  }
}
