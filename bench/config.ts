/**
 * The bench's command-line switches and fixed sizes, shared by every section: `--quick` shrinks each
 * phase, `--only=` picks sections, `--scales=` overrides the relay scales.
 */
import { cpus } from "node:os";

export const QUICK = process.argv.includes("--quick");
/** `--only=relay,throughput,handoff,idle,attachments,scorer,widget` runs just those sections (default: all). */
export const ONLY = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
export const runs = (section: string) => !ONLY || ONLY.includes(section);
/** `--scales=100,500` overrides the relay scales. */
export const SCALES_ARG = process.argv
  .find((a) => a.startsWith("--scales="))
  ?.slice(9)
  .split(",")
  .map(Number);
export const SCALES = SCALES_ARG ?? (QUICK ? [1, 20] : [1, 100, 500]);
export const RELAY_SECONDS = QUICK ? 4 : 10;
/**
 * 500 objects waking at once (each round starts after the others' ~26 s, long enough for every object
 * to hibernate) kept latency high for 2 to 3.5 s in a per-500-ms timeline of a round: the warm-up must
 * outlast that, or one round's p99 measures the wake-up (the idle section's row) instead of the relay.
 */
export const RELAY_WARMUP_SECONDS = QUICK ? 1 : 5;
export const RELAY_ROUNDS = 3;
export const HANDOFF_ROUNDS = 3;
export const THROUGHPUT_LANES = 10;
export const THROUGHPUT_SECONDS = 8;
export const HANDOFF_CONVERSATIONS = QUICK ? 20 : 100;
export const IDLE_CONVERSATIONS = QUICK ? 100 : 1000;

export const machine = `${cpus()[0]?.model ?? "unknown"} (${cpus().length} cores)`;
export const date = new Date().toISOString().slice(0, 10);
export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
