/**
 * Attachments: 50 conversations, each claimed by the agent (so no AI turn runs) with the customer's and
 * the agent's sockets open. All 50 customers upload a 1 MB image at once, then send the message that
 * references it; measured per conversation from the upload's start to the agent's console having the image
 * (the entry on the agent's socket, then the image's bytes from the agent's download route). The baseline,
 * in the same run on the same conversations, is a text message sent by all 50 at once. Also: the uploads'
 * throughput (MB/s of all 50 together) and each upload's own time.
 */
import type { TranscriptEntry } from "../schema/protocol";
import {
  type BenchConversation,
  CLIENT_IP_HEADER,
  type Client,
  claim,
  createConversation,
  openAgent,
  openCustomer,
  pool,
  sleep,
} from "./lib/client";
import type { Dev } from "./lib/server";
import { fmt, QUICK } from "./config";
import { log, rows, stats } from "./report";

export const ATTACHMENT_CONVERSATIONS = QUICK ? 10 : 50;
const IMAGE_BYTES = 1024 * 1024;

interface Lane {
  conv: BenchConversation;
  customer: Client;
  agent: Client;
}

/** A 1 MB "PNG": the signature and header chunk, then noise (the server judges the type by the first bytes). */
function imageBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(IMAGE_BYTES);
  for (let i = 0; i < bytes.length; i += 4) bytes[i] = (i * 2654435761) >>> 24;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  return bytes;
}

/** Resolves when the agent's socket gets the entry with client id `id`. */
function agentSees(agent: Client, id: string): Promise<unknown> {
  return agent.wait((f) => f?.type === "entry" && (f.entry as TranscriptEntry).id === id, 60_000);
}

async function textRound(lanes: Lane[]): Promise<number[]> {
  return Promise.all(
    lanes.map(async (lane, i) => {
      const id = `text-${i}`;
      const seen = agentSees(lane.agent, id);
      const t0 = performance.now();
      lane.customer.send({ type: "message", id, text: "Here is what I see on my screen" });
      await seen;
      return performance.now() - t0;
    }),
  );
}

async function uploadOnce(dev: Dev, lane: Lane, body: Uint8Array<ArrayBuffer>, name: string): Promise<string> {
  const { conversationId, token, ip } = lane.conv;
  const res = await fetch(`${dev.directUrl}/api/conversations/${conversationId}/attachments?name=${name}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "content-type": "image/png", [CLIENT_IP_HEADER]: ip },
    body,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { attachment: { id: string } }).attachment.id;
}

/** One upload at a time: what a single 1 MB upload costs with nothing else going on. */
async function aloneRound(dev: Dev, lanes: Lane[], body: Uint8Array<ArrayBuffer>): Promise<number[]> {
  const times: number[] = [];
  for (const [i, lane] of lanes.slice(0, 5).entries()) {
    const start = performance.now();
    await uploadOnce(dev, lane, body, `alone-${i}.png`);
    times.push(performance.now() - start);
  }
  return times;
}

async function imageRound(dev: Dev, bearer: string, lanes: Lane[], body: Uint8Array<ArrayBuffer>) {
  const uploads: number[] = [];
  const toConsole: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    lanes.map(async (lane, i) => {
      const { conversationId } = lane.conv;
      const start = performance.now();
      const attachment = { id: await uploadOnce(dev, lane, body, `screen-${i}.png`) };
      uploads.push(performance.now() - start);
      const id = `image-${i}`;
      const seen = agentSees(lane.agent, id);
      lane.customer.send({ type: "message", id, attachments: [attachment.id] });
      await seen;
      // The console shows a thumbnail by fetching the file from the agent's route.
      const image = await fetch(
        `${dev.directUrl}/api/agent/conversations/${conversationId}/attachments/${attachment.id}`,
        {
          headers: { Authorization: `Bearer ${bearer}` },
        },
      );
      const got = (await image.arrayBuffer()).byteLength;
      if (image.status !== 200 || got !== IMAGE_BYTES) throw new Error(`download: ${image.status}, ${got} bytes`);
      toConsole.push(performance.now() - start);
    }),
  );
  return { uploads, toConsole, seconds: (performance.now() - t0) / 1000 };
}

export async function attachmentsSection(dev: Dev, bearer: string) {
  const n = ATTACHMENT_CONVERSATIONS;
  log(`attachments: ${n} conversations, 1 MB image each, all at once`);
  const lanes = await pool(Array.from({ length: n }), 16, async (): Promise<Lane> => {
    const conv = await createConversation(dev.directUrl);
    await claim(dev.directUrl, bearer, conv.conversationId);
    const customer = await openCustomer(dev.directUrl, conv);
    const agent = await openAgent(dev.directUrl, bearer, conv.conversationId);
    await customer.hello(0);
    await agent.hello(0);
    return { conv, customer, agent };
  });
  try {
    const baseline = stats(await textRound(lanes));
    const body = imageBytes();
    const alone = stats(await aloneRound(dev, lanes, body));
    await sleep(500);
    const round = await imageRound(dev, bearer, lanes, body);
    const upload = stats(round.uploads);
    const image = stats(round.toConsole);
    const megabytes = (n * IMAGE_BYTES) / (1024 * 1024);
    // Every row is a latency distribution and one figure; target and verdict are not set for attachments.
    const latencyRow = (bench: string, scale: string, s: ReturnType<typeof stats>, throughput: string) =>
      rows.push({
        bench,
        scale,
        p50: `${fmt(s.p50)} ms`,
        p99: `${fmt(s.p99)} ms`,
        throughput,
        target: "-",
        verdict: "-",
      });
    latencyRow(
      "attachments: text message → agent's socket (baseline, same conversations)",
      `${n} conv at once`,
      baseline,
      `${baseline.n}/${n} delivered`,
    );
    latencyRow(
      "attachments: 1 MB upload alone (baseline: one at a time)",
      `${alone.n} in a row`,
      alone,
      `${fmt(1000 / alone.p50)} MB/s`,
    );
    latencyRow(
      "attachments: 1 MB upload (POST, streamed to R2)",
      `${n} conv at once`,
      upload,
      `${fmt(megabytes / round.seconds)} MB/s together (${fmt(megabytes, 0)} MB in ${fmt(round.seconds, 2)} s)`,
    );
    latencyRow(
      "attachments: 1 MB image, upload start → in the agent's console (entry + image fetched)",
      `${n} conv at once`,
      image,
      `p99 ${fmt(image.p99 / Math.max(baseline.p99, 0.001), 1)}× the text baseline's`,
    );
  } finally {
    for (const lane of lanes) {
      lane.customer.close();
      lane.agent.close();
    }
  }
}
