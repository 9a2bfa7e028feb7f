/**
 * A WebSocket that comes back: after a drop it reconnects with backoff (client/backoff.ts) until
 * stopped. It knows nothing of what is said on it; the protocol client and the console's lobby
 * speak through it. No DOM beyond the WebSocket constructor, which is injectable for tests.
 * Written as a closure rather than a class: the widget ships it, and locals minify where fields do not.
 */
import { type BackoffOptions, backoffDelay } from "./backoff";

export interface ReconnectingSocketOptions {
  /** Asked on every connect, so a new token or conversation takes effect on the next one. */
  url: () => string;
  WebSocket?: typeof WebSocket;
  random?: () => number;
  backoff?: BackoffOptions;
  onOpen: () => void;
  onMessage: (data: string) => void;
  /**
   * The socket closed and the next connect is scheduled; calling stop() here cancels it. `opened`: it
   * had opened (false: the upgrade was refused or never reached). `retries`: reconnects already tried
   * since the last healthy session (0 on the first drop). `code`: the close code (4001: signed out).
   */
  onDrop?: (opened: boolean, retries: number, code?: number) => void;
}

export interface ReconnectingSocket {
  /** Connects now (replacing any socket), and keeps reconnecting after drops until stop(). */
  start(): void;
  /** The session on this socket is healthy: the next drop starts the backoff from the beginning. */
  healthy(): void;
  /** Closes the current socket; the reconnect loop brings a new one (a half-open socket after going offline). */
  drop(): void;
  stop(): void;
  /** Sends if the socket is open; false if it is not. */
  send(data: string): boolean;
}

export function reconnectingSocket(o: ReconnectingSocketOptions): ReconnectingSocket {
  let ws: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let retries = 0;

  const detach = () => {
    clearTimeout(timer);
    const old = ws;
    ws = null;
    old?.close();
  };
  const connect = () => {
    detach();
    const socket = new (o.WebSocket ?? WebSocket)(o.url());
    ws = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      if (ws === socket) o.onOpen();
    };
    socket.onmessage = (ev) => {
      if (ws === socket) o.onMessage(String(ev.data));
    };
    // Stand-in sockets (tests, some polyfills) may call onclose with no event: the code is then unknown.
    socket.onclose = (ev?: CloseEvent) => {
      if (ws !== socket) return; // replaced or stopped
      ws = null;
      if (!running) return;
      timer = setTimeout(connect, backoffDelay(retries, o.backoff, o.random));
      o.onDrop?.(opened, retries++, ev?.code);
    };
  };
  return {
    start() {
      running = true;
      connect();
    },
    healthy() {
      retries = 0;
    },
    drop() {
      ws?.close();
    },
    stop() {
      running = false;
      detach();
    },
    send(data) {
      if (ws?.readyState !== 1) return false;
      ws.send(data);
      return true;
    },
  };
}
