import type { ServerFrame } from "../../../schema/protocol";

/**
 * Records a frame the way a client sees the transcript: the ack of a client's own new entry carries
 * that entry (no separate entry frame comes for it), so it is recorded as the ack and then the entry.
 */
export function record(frames: ServerFrame[], frame: ServerFrame): void {
  frames.push(frame);
  if (frame.type === "ack" && frame.entry) frames.push({ type: "entry", entry: frame.entry });
}

/** The first frame matching `pred`, already received or arriving within `ms`; null on timeout. */
export async function findFrame(
  frames: ServerFrame[],
  pred: (f: ServerFrame) => boolean,
  ms: number,
): Promise<ServerFrame | null> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const hit = frames.find(pred);
    if (hit) return hit;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return null;
}
