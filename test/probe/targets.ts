/**
 * The "good" and "bad" staging targets used by the full-probe tests: each an HTTPS server (a certificate from the
 * test CA, or an expired one) plus its plain-HTTP side (a 301 to HTTPS, or the app itself served in clear), and a
 * DNS server with the test zones.
 */
import { createApp, type AppLog, type Profile } from './app';
import { makePki, type TestPki } from './pki';
import { startHttp, startHttps, startRedirector, type Running } from './servers';
import { startDns, type DnsTestServer } from './dns-server';
import { testZones } from './zones';

export interface Target {
  url: string;
  httpUrl: string;
  log: AppLog;
  close(): Promise<void>;
}

export interface Lab {
  pki: TestPki;
  dns: DnsTestServer;
  start(profile: Profile): Promise<Target>;
  close(): Promise<void>;
}

export async function startLab(): Promise<Lab> {
  const pki = makePki();
  const dns = await startDns(testZones());
  return {
    pki,
    dns,
    async start(profile) {
      const app = createApp(profile);
      const https = await startHttps(app.handler, profile === 'good' ? pki.good : pki.expired);
      const url = `https://127.0.0.1:${https.port}/`;
      const http: Running = profile === 'good' ? await startRedirector(url) : await startHttp(app.handler);
      return {
        url,
        httpUrl: `http://127.0.0.1:${http.port}/`,
        log: app.log,
        close: async () => {
          await https.close();
          await http.close();
        },
      };
    },
    async close() {
      await dns.close();
      pki.cleanup();
    },
  };
}
