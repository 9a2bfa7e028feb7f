/**
 * A WebSocket the test plays the server for, for the protocol client and the widget and console state
 * built on it: it records every frame the client sends, and the test opens, pushes frames and drops it.
 * Every instance is kept in `FakeSocket.all` (reset it in beforeEach), newest last.
 */
import type { ServerFrame, TranscriptEntry } from "../../schema/protocol";

/**
 * A frame as the client sent it, parsed back from JSON. The tests read `id` only from the frames that
 * carry one (message, note, request_human...), to answer them with an ack or an entry.
 */
export type SentFrame = { type: string; id: string } & Record<string, unknown>;

/** Who the welcome frame says the socket belongs to; an agent on an assigned conversation by default. */
export type WelcomeAs = Pick<Extract<ServerFrame, { type: "welcome" }>, "role" | "status">;
const AGENT: WelcomeAs = { role: "agent", status: "agent" };

export class FakeSocket {
  static all: FakeSocket[] = [];
  static last(): FakeSocket {
    const socket = FakeSocket.all.at(-1);
    if (!socket) throw new Error("no socket opened yet");
    return socket;
  }
  readyState = 0;
  sent: SentFrame[] = [];
  onopen?: () => void;
  onmessage?: (ev: { data: string }) => void;
  onclose?: (ev: { code: number }) => void;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop(1000);
  }
  // --- the server's side ---
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  /** A frame from the server; a string goes out as it is (for frames the client must reject). */
  push(frame: ServerFrame | string) {
    this.onmessage?.({ data: typeof frame === "string" ? frame : JSON.stringify(frame) });
  }
  drop(code = 1006) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
  /** Opens and resumes: welcome, the replayed entries, synced at the last of them. */
  resume(lastSeq = 0, entries: TranscriptEntry[] = [], as: WelcomeAs = AGENT) {
    this.open();
    this.push({ type: "welcome", v: 1, conversationId: "c1", ...as, lastSeq });
    for (const entry of entries) this.push({ type: "entry", entry });
    this.push({ type: "synced", lastSeq: entries.at(-1)?.seq ?? lastSeq });
  }
  /** The chat messages the client sent, in order. */
  messages(): SentFrame[] {
    return this.sent.filter((f) => f.type === "message");
  }
}

/** The Web Storage API over a Map, for the `localStorage`/`sessionStorage` globals. */
export class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}
