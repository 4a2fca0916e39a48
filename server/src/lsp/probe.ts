/**
 * `readiness/probe`: runs the live probe of a staging URL for the user who asked for it.
 * TODO(probe): server/src/probe/index.ts (`runProbe`) is being written by the probe engineer; until it exists this
 * request answers with a clear "not available yet" error instead of a fake report.
 */
import { ResponseError, type Connection } from 'vscode-languageserver';
import { probeType } from './messages';
import type { Session } from './session';

export function registerProbe(connection: Connection, _session: Session): void {
  connection.onRequest(probeType, () => {
    throw new ResponseError(-32601, 'readiness/probe: the probe is not available in this build yet');
  });
}
