import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A vendor's webhook endpoint on a loopback port: records every delivery and answers with `status` (200
 * unless a test changes it).
 */
export function useEventReceiver(): {
  url: string;
  received: ReceivedDelivery[];
  status: number;
} {
  const handle = { url: "", received: [] as ReceivedDelivery[], status: 200 };
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        handle.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.statusCode = handle.status;
        res.end();
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing-events`;
  });
  beforeEach(() => {
    handle.received.length = 0;
    handle.status = 200;
  });
  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });
  return handle;
}
