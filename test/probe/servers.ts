/**
 * Real servers on 127.0.0.1 for the probe tests: HTTPS with a given certificate, plain HTTP, an HTTP→HTTPS
 * redirector and a "sentinel" that counts hits (the host a redirect points at, which the probe must never contact).
 * Every server listens on port 0 and is closed by the test that started it.
 */
import { createServer as createHttp, type RequestListener, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KeyPair } from './pki';

export interface Running {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<Running> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export function startHttps(handler: RequestListener, tls: KeyPair): Promise<Running> {
  return listen(createHttps({ key: tls.key, cert: tls.cert }, handler) as unknown as Server);
}

export function startHttp(handler: RequestListener): Promise<Running> {
  return listen(createHttp(handler));
}

/** Answers every request with a redirect to `location`. */
export function startRedirector(location: string, status = 301): Promise<Running> {
  return startHttp((req, res) => {
    res.writeHead(status, { location: location + (req.url ?? '/').slice(1) });
    res.end();
  });
}

/** Counts the requests it gets: a redirect target the probe must not follow. */
export async function startSentinel(): Promise<Running & { hits: () => number }> {
  let hits = 0;
  const s = await startHttp((_req, res) => {
    hits++;
    res.end('sentinel');
  });
  return { ...s, hits: () => hits };
}
