/**
 * One client for schema/protocol.ts, used by the widget (customer) and the console (agent): connect,
 * `hello` with PROTOCOL_VERSION and lastSeq, follow the resume replay, and hold every frame that has a
 * client id until the server acks it, resending it (same id: the server stores it once) after each
 * resume. No domain rules and no DOM: what a frame means is the caller's business.
 * A closure rather than a class, like the socket under it: the widget's budget counts every field name.
 */
import type { ClientFrame, ErrorCode, ServerFrame } from "../schema/protocol";
import { decodeFrame, encodeFrame, helloFrame } from "./frame-encoder";
import { type ReconnectingSocketOptions, reconnectingSocket } from "./reconnecting-socket";

/** "idle": not started or stopped. "open": resumed (after `synced`) and live. */
export type Connection = "idle" | "connecting" | "reconnecting" | "open";

/** Refusals worth sending the same frame again for; any other refusal is final. */
const TRANSIENT: readonly string[] = ["rate_limited", "not_ready", "internal"];
export const isTransient = (code: ErrorCode | string): boolean => TRANSIENT.includes(code);
/** How long after a transient refusal the held frames go out again. */
export const TRANSIENT_RETRY_MS = 1000;

export interface ProtocolClientOptions
  extends Pick<ReconnectingSocketOptions, "url" | "WebSocket" | "random" | "backoff" | "onDrop"> {
  /** Highest seq the caller already has (from storage): the server replays only what comes after. */
  lastSeq?: number;
  /** Every server frame, after the client's own bookkeeping (lastSeq, held frames) for it. */
  onFrame: (frame: ServerFrame) => void;
  /** Each change but the one to "idle", which only stop() makes. */
  onConnection?: (connection: Connection) => void;
}

export interface ProtocolClient {
  /** Highest seq seen; the next hello resumes after it. Settable for a new conversation. */
  lastSeq: number;
  start(): void;
  /** Connects now without waiting out the backoff, unless already live. */
  reconnectNow(): void;
  /** Closes the socket and reconnects (with backoff): a socket that may be half-open. */
  drop(): void;
  /** Closes for good; held frames stay and go out after the next start(). */
  stop(): void;
  /**
   * Sends a frame as soon as the session is live. A frame with a client id is held until the server
   * acks or finally refuses it, and resent after every resume until then; one without (identify) is
   * sent once, and replaces a held frame of its type.
   */
  send(frame: ClientFrame): void;
  /** A frame that only matters now (typing, read): sent if live, else dropped. */
  sendNow(frame: ClientFrame): boolean;
  /** Stops resending a frame (the user discarded it). */
  forget(id: string): void;
  /** Forgets every held frame (the conversation is over). */
  clear(): void;
}

type WithId = Extract<ClientFrame, { id: string }>;
const idOf = (frame: ClientFrame): string | undefined => (frame as Partial<WithId>).id;

export function protocolClient(o: ProtocolClientOptions): ProtocolClient {
  let connection: Connection = "idle";
  /** Frames held for the server's ack (by client id) or for a live session (id-less, by type), in sending order. */
  const held = new Map<string, ClientFrame>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const set = (next: Connection) => {
    if (connection === next) return;
    connection = next;
    o.onConnection?.(next);
  };
  const transmit = (frame: ClientFrame): boolean => {
    if (!socket.send(encodeFrame(frame))) return false;
    if (!idOf(frame)) held.delete(frame.type);
    return true;
  };
  const flush = () => {
    for (const frame of [...held.values()]) transmit(frame);
  };
  const socket = reconnectingSocket({
    ...o,
    onOpen: () => transmit(helloFrame(client.lastSeq)),
    onMessage: (data) => {
      const frame = decodeFrame<ServerFrame>(data);
      if (!frame) return;
      switch (frame.type) {
        case "ack":
        case "entry":
          if (frame.type === "ack") held.delete(frame.id);
          // An entry, or the ack of a new entry, which carries it.
          if (frame.entry) {
            if (frame.entry.seq > client.lastSeq) client.lastSeq = frame.entry.seq;
            // The resume replay carries a frame that was stored before the socket died: it is done.
            held.delete(frame.entry.id);
          }
          break;
        case "synced":
          // Backoff resets only once a resume fully worked, so a server that accepts then drops keeps backing off.
          socket.healthy();
          set("open");
          flush();
          break;
        case "error":
          // A refusal of a held frame: final, or worth sending the held frames again shortly.
          if (!frame.id) break;
          if (!isTransient(frame.code)) held.delete(frame.id);
          else {
            clearTimeout(retryTimer);
            retryTimer = setTimeout(() => connection === "open" && flush(), TRANSIENT_RETRY_MS);
          }
      }
      o.onFrame(frame);
    },
    onDrop: (opened, retries) => {
      set("reconnecting");
      o.onDrop?.(opened, retries);
    },
  });

  const client: ProtocolClient = {
    lastSeq: o.lastSeq ?? 0,
    start() {
      set("connecting");
      socket.start();
    },
    reconnectNow() {
      if (connection === "open") return;
      socket.healthy();
      client.start();
    },
    drop: socket.drop,
    stop() {
      socket.stop();
      clearTimeout(retryTimer);
      // Not reported: the caller stopped it.
      connection = "idle";
    },
    send(frame) {
      held.set(idOf(frame) ?? frame.type, frame);
      if (connection === "open") transmit(frame);
    },
    sendNow: (frame) => connection === "open" && transmit(frame),
    forget(id) {
      held.delete(id);
    },
    clear() {
      held.clear();
    },
  };
  return client;
}
