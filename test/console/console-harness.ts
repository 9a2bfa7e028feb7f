/**
 * What every console state test needs in plain Node: a fake socket playing the server, the few browser
 * globals the console reads (location, storage, document, fetch) stubbed, a signed-in agent, and the
 * conversations state module loaded after the stubs. `setUp()` registers the hooks and returns the state.
 */
import { afterAll, beforeAll, vi } from "vitest";
import { FakeSocket, MemoryStorage } from "../helpers/fake-socket";

export const last = () => FakeSocket.last();

export interface ConsoleHarness {
  state: typeof import("../../console/src/state/conversations");
  local: MemoryStorage;
}

/** Stubs the globals before the console's modules load (they read them at import) and restores them after. */
export function setUp(): ConsoleHarness {
  const harness = { local: new MemoryStorage() } as ConsoleHarness;
  beforeAll(async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.stubGlobal("location", { protocol: "https:", host: "support.example" });
    vi.stubGlobal("document", { visibilityState: "visible" });
    vi.stubGlobal("localStorage", harness.local);
    vi.stubGlobal("sessionStorage", new MemoryStorage());
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ error: { code: "not_found" } }), { status: 404 })),
    );
    harness.state = await import("../../console/src/state/conversations");
    const { agent } = await import("../../console/src/state/agent");
    agent.me = { id: "ana", name: "Ana", email: "ana@x", role: "agent", teams: [] };
  });
  afterAll(() => vi.unstubAllGlobals());
  return harness;
}

/** A clean slate before each test: fake timers, no sockets, no open tabs, empty localStorage. */
export function reset({ state, local }: ConsoleHarness): void {
  vi.useFakeTimers();
  FakeSocket.all = [];
  for (const id of [...state.convs.keys()]) state.closeTab(id);
  local.data.clear();
}
