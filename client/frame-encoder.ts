/**
 * Frames on the wire, both ways, against schema/protocol.ts. Outgoing frames are typed at compile
 * time; `checkFrame` also runs the server's own boundary check, so a caller can refuse a frame the
 * server would refuse (text too long, bad email) locally, with the same code, before it is held for
 * resending. The widget does not call it: the schemas would cost its first-load budget more than
 * the round trip costs it.
 */
import { type ClientFrame, type ErrorCode, PROTOCOL_VERSION, parseClientFrame } from "../schema/protocol";

export const encodeFrame = (frame: ClientFrame): string => JSON.stringify(frame);

/** null when the server would accept the frame; else its refusal. */
export function checkFrame(frame: ClientFrame): { code: ErrorCode; message: string } | null {
  const checked = parseClientFrame(encodeFrame(frame));
  return checked.ok ? null : { code: checked.code, message: checked.message };
}

/** The first frame on every (re)connect: the version this client speaks and what it already has. */
export function helloFrame(lastSeq: number): ClientFrame {
  return { type: "hello", v: PROTOCOL_VERSION, lastSeq };
}

/**
 * A server frame, or null for anything that is not JSON with a `type` (ignored: the server never
 * sends one, and a proxy's garbage must not reach the state).
 */
export function decodeFrame<T extends { type: string }>(data: string): T | null {
  try {
    const frame = JSON.parse(data) as T | null;
    return frame?.type ? frame : null;
  } catch {
    return null;
  }
}
