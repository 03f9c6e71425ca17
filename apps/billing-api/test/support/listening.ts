import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { afterAll, beforeAll } from "vitest";

/** Serves the test app on a loopback port for clients that speak real HTTP (the generated client). */
export function useListeningApp(getApp: () => Express): { url: string } {
  const handle = { url: "" };
  let server: Server | undefined;
  beforeAll(async () => {
    server = getApp().listen(0, "127.0.0.1");
    await once(server, "listening");
    handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });
  return handle;
}
