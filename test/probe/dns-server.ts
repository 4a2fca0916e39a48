/**
 * A real authoritative DNS server for the probe tests: the npm package dns2 (pure JS) on 127.0.0.1, port 0, UDP and
 * TCP on the same port, serving zones given as plain records. Unknown names get NXDOMAIN, known names without the
 * asked type get an empty NOERROR answer: the distinction SPF's void-lookup count depends on.
 */
import dns2, { type DnsHandler } from 'dns2';

const { Packet } = dns2;

export type Rr =
  | { type: 'TXT'; data: string[] }
  | { type: 'MX'; exchange: string; priority: number }
  | { type: 'A'; address: string }
  | { type: 'CAA'; flags: number; tag: string; value: string };

export type Zone = Record<string, Rr[]>;

export interface DnsTestServer {
  port: number;
  /** `127.0.0.1:PORT`, as --dns-server takes it. */
  server: string;
  close(): Promise<void>;
}

function answer(name: string, rr: Rr): Record<string, unknown> {
  const base = { name, type: Packet.TYPE[rr.type], class: Packet.CLASS.IN, ttl: 60 };
  if (rr.type === 'TXT') return { ...base, data: rr.data };
  if (rr.type === 'MX') return { ...base, exchange: rr.exchange, priority: rr.priority };
  if (rr.type === 'A') return { ...base, address: rr.address };
  return { ...base, flags: rr.flags, tag: rr.tag, value: rr.value };
}

/** Split a long TXT value into ≤255-byte strings, as a zone file must. */
export function txtChunks(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 255) out.push(value.slice(i, i + 255));
  return out;
}

export async function startDns(zone: Zone): Promise<DnsTestServer> {
  const names = new Map(Object.entries(zone).map(([k, v]) => [k.toLowerCase(), v] as const));
  const handle: DnsHandler = (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const [q] = request.questions;
    const records = names.get(q.name.toLowerCase());
    if (!records) response.header.rcode = 3;
    else for (const rr of records) if (Packet.TYPE[rr.type] === q.type) response.answers.push(answer(q.name, rr) as never);
    void send(response);
  };
  // UDP first on port 0, then TCP on the same port number, so one HOST:PORT serves both transports.
  const udp = dns2.createUDPServer(handle);
  await udp.listen(0, '127.0.0.1');
  const port = udp.address().port;
  const tcp = dns2.createTCPServer(handle);
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, '127.0.0.1', resolve);
  });
  const close = async () => {
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  };
  return { port, server: `127.0.0.1:${port}`, close };
}
