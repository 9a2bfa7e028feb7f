/**
 * Persisted throughput through one object: many customer sockets pipelining into one conversation, and
 * the same load into the echo baselines.
 */
import {
  benchAddress,
  CLIENT_IP_HEADER,
  claim,
  Client,
  createConversation,
  openCustomer,
  sleep,
  wsUrl,
} from "./lib/client";
import type { Dev } from "./lib/server";
import { fmt, THROUGHPUT_LANES, THROUGHPUT_SECONDS } from "./config";
import { log, type Row, rows } from "./report";
import { onStorage, type Storage } from "./storage";

/** What one run of lanes got: acks (or echoes), refusals by error code, and sends that never got an answer. */
interface LaneTotals {
  done: number;
  /** Error frames answering one of our sends, by code (`rate_limited`: a limiter refused the message). */
  refused: Record<string, number>;
  /** Sends with neither an ack nor an error 15 s after the socket's last send. */
  timedOut: number;
  sockets: number;
  seconds: number;
  perSecond: number;
}

const PER_SOCKET = 19;
const SOCKET_TIMEOUT_MS = 15_000;

/**
 * Pipelined sends into one object without tripping the per-socket rate limit (burst 20, 10/s): LANES
 * concurrent lanes, each a sequence of short-lived sockets that connect, send 19 messages back to back
 * (the hello took the 20th token), wait until each has its ack or its error, close. Fan-out stays ~LANES
 * sockets. `open(lane)` opens a socket for that lane (each product lane has its own client address).
 */
async function throughput(open: (lane: number) => Promise<Client>, kind: "product" | "echo"): Promise<LaneTotals> {
  let done = 0;
  let timedOut = 0;
  let sockets = 0;
  const refused: Record<string, number> = {};
  const start = performance.now();
  const stopAt = start + THROUGHPUT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: THROUGHPUT_LANES }, async (_, lane) => {
      while (performance.now() < stopAt) {
        const s = await open(lane);
        sockets++;
        const tag = `l${lane}s${sockets}`;
        let acked = 0;
        let errored = 0;
        let finished!: () => void;
        const all = new Promise<void>((ok) => (finished = ok));
        const off = s.on((f) => {
          if (kind === "product" ? f?.type === "ack" && f.id.startsWith(`${tag}-`) : f?.from === tag) acked++;
          // An error names the send it answers: a refusal is an answer, not a wait for the timeout.
          if (f?.type === "error" && "id" in f && f.id?.startsWith(`${tag}-`)) {
            errored++;
            refused[f.code] = (refused[f.code] ?? 0) + 1;
          }
          if (acked + errored === PER_SOCKET) finished();
        });
        for (let k = 0; k < PER_SOCKET; k++)
          s.send(
            kind === "product"
              ? { type: "message", id: `${tag}-${k}`, text: `throughput ${tag} ${k}` }
              : { from: tag, id: k },
          );
        await Promise.race([all, sleep(SOCKET_TIMEOUT_MS)]);
        done += acked;
        timedOut += PER_SOCKET - acked - errored;
        off();
        s.close();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { done, refused, timedOut, sockets, seconds, perSecond: done / seconds };
}

/** "0 refused, 0 timed out", or e.g. "812 refused (rate_limited 812), 3 timed out". */
function answered(r: LaneTotals): string {
  const codes = Object.entries(r.refused);
  const total = codes.reduce((sum, [, n]) => sum + n, 0);
  const byCode = codes.length ? ` (${codes.map(([code, n]) => `${code} ${n}`).join(", ")})` : "";
  return `${total} refused${byCode}, ${r.timedOut} timed out`;
}

export async function throughputSection(dev: Dev, echo: Dev, bearer: string, storage: Storage) {
  log(`throughput: ${THROUGHPUT_LANES} lanes of customer sockets into one conversation (${onStorage(storage)})`);
  const conv = await createConversation(dev.directUrl);
  await claim(dev.directUrl, bearer, conv.conversationId); // agent status: no AI turn per message, pure persist + fan-out
  // One client address per lane: the per-IP message limit (MESSAGE_IP_LIMITER) must count each lane as the
  // customer it stands for, not the whole run as one loopback address. The site's limit still counts all.
  const laneAddresses = Array.from({ length: THROUGHPUT_LANES }, () => benchAddress());
  const ours = await throughput(async (lane) => {
    const c = await openCustomer(dev.directUrl, conv, { headers: { [CLIENT_IP_HEADER]: laneAddresses[lane] } });
    await c.hello(1_000_000_000); // no replay
    return c;
  }, "product");
  const refusedByLimiter = ours.refused.rate_limited ?? 0;
  const echoLane = (variant: "room" | "room-write") => async () => {
    const c = new Client(wsUrl(echo.directUrl, `/${variant}/throughput-${storage}/ws`));
    await c.opened;
    return c;
  };
  const bare = storage === "tmpfs" ? await throughput(echoLane("room"), "echo") : null;
  const write = await throughput(echoLane("room-write"), "echo");
  rows.push({
    bench: `persisted msgs through one object (ours, ${onStorage(storage)})`,
    scale: `${THROUGHPUT_LANES} pipelining sockets at a time, one client address per lane`,
    p50: "-",
    p99: "-",
    throughput: `${fmt(ours.perSecond, 0)} msg/s (${ours.done} acked over ${ours.sockets} sockets, ${answered(ours)}, ${fmt(ours.seconds)} s)`,
    target: "≥ 1,000 msg/s",
    // A refusal means a limiter, not the object, set the pace: the figure does not measure the object then.
    verdict:
      refusedByLimiter > 0
        ? `not measured: ${refusedByLimiter} messages refused by a limiter`
        : ours.perSecond >= 1000
          ? "met"
          : `missed by ${fmt(1000 - ours.perSecond, 0)} msg/s`,
  });
  const baselineRow = (bench: string, r: typeof ours, verdict: string): Row => ({
    bench,
    scale: `${THROUGHPUT_LANES} pipelining sockets at a time`,
    p50: "-",
    p99: "-",
    throughput: `${fmt(r.perSecond, 0)} msg/s (${r.done} echoed over ${r.sockets} sockets, ${r.timedOut} timed out, ${fmt(r.seconds)} s)`,
    target: "-",
    verdict,
  });
  if (bare)
    rows.push(
      baselineRow(
        "msgs through one object (bare echo DO, no storage)",
        bare,
        `ours/bare ${fmt(ours.perSecond / bare.perSecond, 2)}`,
      ),
    );
  rows.push(
    baselineRow(
      `msgs through one object (echo DO + 1 SQLite insert per frame, ${onStorage(storage)})`,
      write,
      `ours/this ${fmt(ours.perSecond / write.perSecond, 2)}`,
    ),
  );
}
