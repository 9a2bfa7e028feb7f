/**
 * The widget session in plain Node, for its tests: fake timers, the fake socket, an in-memory Web Storage
 * and a fetch that creates conversation c1 with token "tok/1". `useSessionWorld()` registers the per-test
 * reset (call it once at the top of a file); `world.open()` builds a session on the current world, with
 * the identity a test gives, anonymous by default.
 */
import { afterEach, beforeEach, type Mock, vi } from "vitest";
import { createSession, type SessionDeps } from "../../widget/src/core/session";
import { FakeSocket, MemoryStorage, type WelcomeAs } from "../helpers/fake-socket";

/** The widget's socket is a customer's, on a conversation the AI answers. */
export const CUSTOMER: WelcomeAs = { role: "customer", status: "bot" };

/** The server's answer to POST /api/conversations. */
export const created = (conversationId = "c1", token = "tok/1") =>
  new Response(JSON.stringify({ conversationId, token }), { status: 201 });

/** Lets the session's pending promises (fetches, reconnect timers at 0 ms) run. */
export const flushPromises = () => vi.advanceTimersByTimeAsync(0);

type Identify = SessionDeps["identity"];
const ANONYMOUS: Identify = () => ({ customer: {}, attributes: {} });

export interface SessionWorld {
  /** What the session saved; a test may replace it to stand for another device. */
  storage: MemoryStorage;
  /** The session's fetch; a test may replace it (before `open`) or change its implementation. */
  fetch: Mock;
  open(identity?: Identify): ReturnType<typeof createSession>;
}

export function useSessionWorld(): SessionWorld {
  const world: SessionWorld = {
    storage: new MemoryStorage(),
    fetch: vi.fn(),
    open: (identity = ANONYMOUS) =>
      createSession({
        origin: "https://support.example",
        site: "demo",
        storage: world.storage as unknown as Storage,
        identity,
        WebSocket: FakeSocket as unknown as typeof WebSocket,
        fetch: world.fetch as unknown as typeof fetch,
        random: () => 1,
      }),
  };
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    world.storage = new MemoryStorage();
    world.fetch = vi.fn(async () => created());
  });
  afterEach(() => vi.useRealTimers());
  return world;
}
