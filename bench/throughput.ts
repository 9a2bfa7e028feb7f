/**
 * Persisted throughput through one object: many customer sockets pipelining into one conversation, and
 * the same load into the echo baselines.
 */
import { claim, Client, createConversation, openCustomer, sleep, wsUrl } from "./lib/client";
import type { Dev } from "./lib/server";
import { fmt, THROUGHPUT_LANES, THROUGHPUT_SECONDS } from "./config";
import { log, type Row, rows } from "./report";
import { onStorage, type Storage } from "./storage";

/**
 * Pipelined sends into one object without tripping the per-socket rate limit (burst 20, 10/s): LANES
 * concurrent lanes, each a sequence of short-lived sockets that connect, send 19 messages back to back
 * (the hello took the 20th token), wait for their acks, close. Fan-out stays ~LANES sockets.
 */
async function throughput(open: () => Promise<Client>, kind: "product" | "echo") {
  let done = 0;
  let errors = 0;
  let sockets = 0;
  const start = performance.now();
  const stopAt = start + THROUGHPUT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: THROUGHPUT_LANES }, async (_, lane) => {
      while (performance.now() < stopAt) {
        const s = await open();
        sockets++;
        const tag = `l${lane}s${sockets}`;
        let mine = 0;
        let finished!: () => void;
        const all = new Promise<void>((ok) => (finished = ok));
        const off = s.on((f) => {
          if (kind === "product" ? f?.type === "ack" : f?.from === tag) mine++;
          if (f?.type === "error") errors++;
          if (mine === 19) finished();
        });
        for (let k = 0; k < 19; k++)
          s.send(
            kind === "product"
              ? { type: "message", id: `${tag}-${k}`, text: `throughput ${tag} ${k}` }
              : { from: tag, id: k },
          );
        await Promise.race([all, sleep(15_000)]);
        done += mine;
        off();
        s.close();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { done, errors, sockets, seconds, perSecond: done / seconds };
}

export async function throughputSection(dev: Dev, echo: Dev, bearer: string, storage: Storage) {
  log(`throughput: ${THROUGHPUT_LANES} lanes of customer sockets into one conversation (${onStorage(storage)})`);
  const conv = await createConversation(dev.directUrl);
  await claim(dev.directUrl, bearer, conv.conversationId); // agent status: no AI turn per message, pure persist + fan-out
  const ours = await throughput(async () => {
    const c = await openCustomer(dev.directUrl, conv);
    await c.hello(1_000_000_000); // no replay
    return c;
  }, "product");
  const echoLane = (variant: "room" | "room-write") => async () => {
    const c = new Client(wsUrl(echo.directUrl, `/${variant}/throughput-${storage}/ws`));
    await c.opened;
    return c;
  };
  const bare = storage === "tmpfs" ? await throughput(echoLane("room"), "echo") : null;
  const write = await throughput(echoLane("room-write"), "echo");
  rows.push({
    bench: `persisted msgs through one object (ours, ${onStorage(storage)})`,
    scale: `${THROUGHPUT_LANES} pipelining sockets at a time`,
    p50: "-",
    p99: "-",
    throughput: `${fmt(ours.perSecond, 0)} msg/s (${ours.done} acked over ${ours.sockets} sockets, ${ours.errors} errors, ${fmt(ours.seconds)} s)`,
    target: "≥ 1,000 msg/s",
    verdict: ours.perSecond >= 1000 ? "met" : `missed by ${fmt(1000 - ours.perSecond, 0)} msg/s`,
  });
  const baselineRow = (bench: string, r: typeof ours, verdict: string): Row => ({
    bench,
    scale: `${THROUGHPUT_LANES} pipelining sockets at a time`,
    p50: "-",
    p99: "-",
    throughput: `${fmt(r.perSecond, 0)} msg/s (${r.done} echoed over ${r.sockets} sockets, ${fmt(r.seconds)} s)`,
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
