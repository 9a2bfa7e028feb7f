// Hibernation at scale: 20 live conversations, each with a customer and the assigned agent, have every
// Durable Object evicted mid-conversation (frames in flight), first hibernating the sockets, then
// closing them. Clients carry on (same sockets) or resume from their last seq (new sockets); nothing is
// lost, nothing is duplicated, and every client's transcript equals the server's, in order.
import { evictAllDurableObjects } from "cloudflare:test";
import { env as testEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../schema/protocol";
import { createSignedInAgent } from "../helpers/agents";
import { claimedConversation } from "../helpers/chat";
import { conversationStub, openAgent, openCustomer, readTranscript, type TestClient } from "../helpers/sockets";

const CONVERSATIONS = 20;
const PER_PHASE = 3;

interface Side {
  role: "customer" | "agent";
  open: () => Promise<TestClient>;
  client: TestClient;
  /** Every entry this side has received, across reconnects, in arrival order. */
  seen: TranscriptEntry[];
  /** Entries already copied from the current client. */
  copied: number;
}

interface Conv {
  id: string;
  customer: Side;
  agent: Side;
}

/** Waits for a frame anywhere in the client's history (TestClient.next consumes frames, so it cannot be used concurrently). */
async function seenFrame(
  client: TestClient,
  match: (f: TestClient["frames"][number]) => boolean,
  what: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!client.frames.some(match)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const ackOf = (id: string) => (f: TestClient["frames"][number]) => f.type === "ack" && f.id === id;
const entryOf = (id: string) => (f: TestClient["frames"][number]) => f.type === "entry" && f.entry.id === id;

/** A side not connected yet: connect() opens its first client. */
const newSide = (role: Side["role"], open: Side["open"]): Side => ({
  role,
  open,
  client: null as unknown as TestClient,
  seen: [],
  copied: 0,
});

function harvest(side: Side) {
  const entries = side.client.entries();
  side.seen.push(...entries.slice(side.copied));
  side.copied = entries.length;
}

async function connect(side: Side) {
  const lastSeq = side.seen.at(-1)?.seq ?? 0;
  side.client = await side.open();
  side.copied = 0;
  await side.client.hello(lastSeq);
}

/** Each side sends PER_PHASE messages without waiting; returns a promise for every ack and relay. */
function sendPhase(conv: Conv, phase: string): Promise<unknown> {
  const waits: Promise<unknown>[] = [];
  for (const side of [conv.customer, conv.agent]) {
    const other = side === conv.customer ? conv.agent : conv.customer;
    for (let k = 0; k < PER_PHASE; k++) {
      const id = `${phase}-${side.role}-${k}`;
      side.client.send({ type: "message", id, text: `${phase} from the ${side.role}, #${k}` });
      waits.push(seenFrame(side.client, ackOf(id), `ack ${id}`));
      waits.push(seenFrame(other.client, entryOf(id), `entry ${id}`));
    }
  }
  return Promise.all(waits);
}

async function checkConsistent(conv: Conv, phases: string[]) {
  harvest(conv.customer);
  harvest(conv.agent);
  const serverAgentView = await readTranscript(testEnv, conv.id);
  const serverCustomerView = await (
    conversationStub(testEnv, conv.id) as unknown as { getTranscript(a: number, b: string): Promise<TranscriptEntry[]> }
  ).getTranscript(0, "customer");
  const ids = (es: TranscriptEntry[]) => es.map((e) => `${e.seq}:${e.id}`);
  expect(ids(conv.agent.seen)).toEqual(ids(serverAgentView));
  expect(ids(conv.customer.seen)).toEqual(ids(serverCustomerView));
  // Every message sent appears exactly once, in the order each side sent them.
  for (const role of ["customer", "agent"] as const) {
    const mine = serverAgentView.filter((e) => e.kind === "message" && e.author.role === role).map((e) => e.id);
    expect(mine).toEqual(phases.flatMap((p) => Array.from({ length: PER_PHASE }, (_, k) => `${p}-${role}-${k}`)));
  }
}

describe("hibernation at scale", () => {
  it(`evicts all ${CONVERSATIONS} conversation objects mid-conversation, twice, and loses nothing`, {
    timeout: 90_000,
  }, async () => {
    const agents = await Promise.all(["Ana", "Ben"].map((name) => createSignedInAgent(testEnv, { name })));
    const bearers = agents.map((a) => a.token);

    const convs: Conv[] = await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, n) => {
        const bearer = bearers[n % bearers.length];
        const {
          conversationId: id,
          token,
          claim,
        } = await claimedConversation(bearer, {
          customer: { name: `Customer ${n}` },
        });
        expect(claim.status).toBe(200);
        const customer = newSide("customer", () => openCustomer(id, token));
        const agent = newSide("agent", () => openAgent(id, bearer));
        await connect(customer);
        await connect(agent);
        return { id, customer, agent };
      }),
    );

    await Promise.all(convs.map((c) => sendPhase(c, "p1")));

    // Eviction 1: frames in flight, sockets hibernated. The same sockets carry on.
    const inFlight = convs.map((c) => sendPhase(c, "p2"));
    await evictAllDurableObjects({ webSockets: "hibernate" });
    await Promise.all(inFlight);
    await Promise.all(convs.map((c) => sendPhase(c, "p3")));
    for (const c of convs) expect(c.customer.client.closed).toBeNull();
    await Promise.all(convs.map((c) => checkConsistent(c, ["p1", "p2", "p3"])));

    // Eviction 2: frames in flight, sockets closed. Clients reconnect and resume from their last seq;
    // messages whose ack never came are resent with the same id (stored once).
    for (const c of convs) {
      for (const side of [c.customer, c.agent]) {
        for (let k = 0; k < PER_PHASE; k++)
          side.client.send({ type: "message", id: `p4-${side.role}-${k}`, text: `p4 from the ${side.role}, #${k}` });
      }
    }
    await evictAllDurableObjects({ webSockets: "close" });
    await Promise.all(convs.flatMap((c) => [c.customer.client.waitClosed(10_000), c.agent.client.waitClosed(10_000)]));
    for (const c of convs) {
      harvest(c.customer);
      harvest(c.agent);
    }
    await Promise.all(convs.flatMap((c) => [connect(c.customer), connect(c.agent)]));
    await Promise.all(
      convs.map(async (c) => {
        // Resend p4 (idempotent), then a fresh phase.
        for (const side of [c.customer, c.agent]) {
          for (let k = 0; k < PER_PHASE; k++)
            side.client.send({ type: "message", id: `p4-${side.role}-${k}`, text: `p4 from the ${side.role}, #${k}` });
          for (let k = 0; k < PER_PHASE; k++) await seenFrame(side.client, ackOf(`p4-${side.role}-${k}`), "p4 ack");
        }
        await sendPhase(c, "p5");
      }),
    );
    await Promise.all(convs.map((c) => checkConsistent(c, ["p1", "p2", "p3", "p4", "p5"])));

    // Status and assignment survived both evictions.
    for (const c of convs) {
      const record = await conversationStub(testEnv, c.id).getRecord();
      expect(record?.status).toBe("agent");
    }
    for (const c of convs) {
      c.customer.client.close();
      c.agent.client.close();
    }
  });
});
