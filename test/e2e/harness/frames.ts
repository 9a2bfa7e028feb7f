import type { ServerFrame } from "../../../schema/protocol";

/**
 * Records a frame the way a client sees the transcript: the ack of a client's own new entry carries
 * that entry (no separate entry frame comes for it), so it is recorded as the ack and then the entry.
 */
export function record(frames: ServerFrame[], frame: ServerFrame): void {
  frames.push(frame);
  if (frame.type === "ack" && frame.entry) frames.push({ type: "entry", entry: frame.entry });
}
