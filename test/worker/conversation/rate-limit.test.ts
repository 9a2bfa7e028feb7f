// The per-socket token bucket: a burst is cut at the limit, and once a frame was refused nothing later
// is accepted ahead of it while the client has not had time to hear of the refusal and resend in order.
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../schema/protocol";
import { SocketLimiter } from "../../../worker/conversation/socket-session";

const socket = () => ({}) as WebSocket;

describe("socket rate limit", () => {
  it("accepts a burst up to the limit and refuses the rest", () => {
    const limiter = new SocketLimiter();
    const ws = socket();
    const results = Array.from({ length: LIMITS.rateBurst + 5 }, () => limiter.take(ws, 1000));
    expect(results.filter(Boolean)).toHaveLength(LIMITS.rateBurst);
    expect(results.slice(LIMITS.rateBurst).every((ok) => !ok)).toBe(true);
  });

  it("does not let a refilled token take a later frame in ahead of a refused one", () => {
    const limiter = new SocketLimiter();
    const ws = socket();
    for (let i = 0; i < LIMITS.rateBurst; i++) limiter.take(ws, 0);
    expect(limiter.take(ws, 0)).toBe(false); // refused: the bucket is empty
    // 150 ms later one and a half tokens have refilled: a plain bucket would accept this frame.
    expect(limiter.take(ws, 150)).toBe(false);
    // The client heard of the refusal and resends after a pause: accepted again, in order.
    expect(limiter.take(ws, 1000)).toBe(true);
  });

  it("keeps buckets apart per socket", () => {
    const limiter = new SocketLimiter();
    const a = socket();
    const b = socket();
    for (let i = 0; i < LIMITS.rateBurst + 1; i++) limiter.take(a, 0);
    expect(limiter.take(a, 0)).toBe(false);
    expect(limiter.take(b, 0)).toBe(true);
  });
});
