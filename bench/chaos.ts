/** `npm run chaos`: the reconnect storm, then crash/restart. Prints a markdown table per harness; exits 1 on any failure. */
import { crash } from "./chaos-crash";
import { storm } from "./chaos-storm";

const results = { storm: await storm(), crash: await crash() };
console.log(
  `\nchaos: reconnect storm ${results.storm ? "passed" : "FAILED"}, crash/restart ${results.crash ? "passed" : "FAILED"}`,
);
process.exit(results.storm && results.crash ? 0 : 1);
