/**
 * `readiness/probe`: runs the live probe of a staging URL for the user who asked for it (the client confirms the
 * target and never sends this from an untrusted workspace). Reports `$/progress` on the request's workDoneToken,
 * honours `$/cancelRequest` by aborting the probe, feeds the folder's routes to it, and joins its checks into the
 * folder's scorecard (a `readiness/scorecardChanged` follows).
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { probeRowInputs, runProbe, type ProbeOptions, type ProbeRoute } from '../probe';
import type { ProbeParams, ProbeReport } from '../protocol';
import type { Folder } from './folder';
import { probeType } from './messages';
import type { Session } from './session';

function routesOf(folder: Folder | undefined): ProbeRoute[] {
  const first = (protections: { kind: string; name: string }[], kind: string) => protections.find((p) => p.kind === kind)?.name ?? null;
  return (folder?.analysis?.model.routes ?? []).map((r) => ({
    method: r.method,
    path: r.path,
    tags: r.tags,
    file: r.file,
    line: r.span.line,
    protections: {
      auth: first(r.protections, 'auth'),
      rateLimit: first(r.protections, 'rateLimit'),
      validation: first(r.protections, 'validation'),
      roles: first(r.protections, 'role'),
    },
  }));
}

/** `Name: value` header lines → a record; a malformed line is a request error naming it. */
function headerRecord(lines: string[] | undefined): Record<string, string> | undefined {
  if (!lines?.length) return undefined;
  const out: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) throw new ResponseError(-32602, `readiness/probe: header "${line.slice(0, 40)}" is not "Name: value"`);
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

async function probe(connection: Connection, session: Session, params: ProbeParams, token: CancellationToken): Promise<ProbeReport> {
  if (!params || typeof params.url !== 'string') throw new ResponseError(-32602, 'readiness/probe: `url` is required');
  const folder = params.folder ? session.folders.get(params.folder) : session.folders.values().next().value;
  const options: ProbeOptions = {
    url: params.url,
    routes: routesOf(folder),
    domain: params.domain,
    allowBurst: params.allowBurst,
    allowPost: params.allowPost,
    budget: params.budget,
    timeoutMs: params.timeoutMs,
    headers: headerRecord(params.headers),
  };
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
  progress.begin(`Launch Readiness: probing ${safeOrigin(params.url)}`, 0, undefined, true);
  try {
    const report = await runProbe(options, { signal: controller.signal, onProgress: (message, pct) => progress.report(pct, message) });
    if (folder) {
      folder.probeRows = probeRowInputs(report);
      session.markDirty(folder, 0);
    }
    return report;
  } catch (e) {
    if (controller.signal.aborted || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'probe cancelled');
    throw new ResponseError(-32603, `readiness/probe: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    sub.dispose();
    progress.done();
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the target';
  }
}

export function registerProbe(connection: Connection, session: Session): void {
  connection.onRequest(probeType, (params, token) => probe(connection, session, params, token));
}
