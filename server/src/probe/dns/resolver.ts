/**
 * A small DNS client for the domain checks: node's `dns.promises.Resolver` (pointed at `--dns-server` when given),
 * with "no record" and "no such name" turned into values (they are answers, not failures) and every question
 * logged for the report. Real failures (refused, timeout, SERVFAIL) throw, and the check reports `error`.
 */
import { promises as dns } from 'node:dns';

export type Absent = 'nodata' | 'nxdomain';

export class DnsClient {
  readonly queries: string[] = [];
  private readonly resolver: dns.Resolver;

  constructor(server?: string, timeoutMs = 2000) {
    this.resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
    if (server) this.resolver.setServers([server]);
  }

  private async ask<T>(type: string, name: string, run: () => Promise<T>): Promise<T | Absent> {
    this.queries.push(`${type} ${name}`);
    try {
      return await run();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENODATA') return 'nodata';
      if (code === 'ENOTFOUND') return 'nxdomain';
      throw Object.assign(new Error(`${type} ${name}: ${code ?? (e as Error).message}`), { code });
    }
  }

  /** TXT records with their strings joined (SPF, DKIM and DMARC are read as one string per record). */
  async txt(name: string): Promise<string[] | Absent> {
    const r = await this.ask('TXT', name, () => this.resolver.resolveTxt(name));
    return typeof r === 'string' ? r : r.map((chunks) => chunks.join(''));
  }

  mx(name: string) {
    return this.ask('MX', name, () => this.resolver.resolveMx(name));
  }

  caa(name: string) {
    return this.ask('CAA', name, () => this.resolver.resolveCaa(name));
  }

  async address(name: string): Promise<string[] | Absent> {
    const v4 = await this.ask('A', name, () => this.resolver.resolve4(name));
    if (typeof v4 !== 'string') return v4;
    const v6 = await this.ask('AAAA', name, () => this.resolver.resolve6(name));
    return typeof v6 === 'string' ? v4 : v6;
  }
}

export const isAbsent = (v: unknown): v is Absent => v === 'nodata' || v === 'nxdomain';

/**
 * The organisational domain (RFC 7489 §3.2), approximated without the public suffix list: the last two labels, or
 * three under a known two-level public suffix (co.uk, com.au, …).
 */
export function organisationalDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  const twoLevel = /^(co|com|net|org|gov|ac|edu|ne|or)\.[a-z]{2}$/;
  const keep = labels.length >= 3 && twoLevel.test(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
