/**
 * A real HTTP receiver on loopback (Node, started by vitest.config.ts before the workerd tests run).
 * Webhook tests register `<url>/hooks/<name>` as an endpoint; workerd's outbound network allows
 * private/loopback addresses in local mode, so the dispatcher's fetch reaches this server for real.
 *
 *   POST /hooks/<name>            records { headers, body } and answers the next scripted status (default 200);
 *                                 a scripted 0 never answers (an open port that holds the connection)
 *   PUT  /control/<name>          body { statuses: number[] } scripts the next answers for <name>
 *   GET  /control/<name>          { requests: [{ headers, body, at }] } everything <name> received
 *
 * Names keep test files (which share this process) apart.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export async function startLoopbackReceiver(): Promise<{ url: string; close: () => void }> {
  const received = new Map<string, Received[]>();
  const scripts = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const [, kind, name] = /^\/(hooks|control)\/([A-Za-z0-9_-]{1,80})$/.exec(req.url ?? "") ?? [];
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (kind === "hooks" && req.method === "POST") {
        received.set(name, [...(received.get(name) ?? []), { headers: req.headers, body, at: Date.now() }]);
        const status = scripts.get(name)?.shift() ?? 200;
        if (status === 0) return;
        return reply(status, { ok: status < 300 });
      }
      if (kind === "control" && req.method === "PUT") {
        scripts.set(name, (JSON.parse(body) as { statuses: number[] }).statuses);
        return reply(200, { ok: true });
      }
      if (kind === "control" && req.method === "GET") return reply(200, { requests: received.get(name) ?? [] });
      reply(404, { error: "no such receiver route" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref(); // Never keeps vitest alive.
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
