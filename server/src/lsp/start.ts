/**
 * Creates the connection and wires the handlers. The transport comes from the command line as
 * vscode-languageclient passes it (`--stdio`, `--node-ipc`, `--socket=PORT`); with none of them the server speaks over
 * stdin/stdout, so `readiness lsp` just works. Used by dist/server.js and by `readiness lsp`.
 */
import { ProposedFeatures, createConnection, type Connection } from 'vscode-languageserver/node';
import { registerHandlers } from './handlers';

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

/** Start the server; resolves when the client sends `exit` (the library then ends the process). */
export function startServer(argv: string[] = process.argv): Promise<void> {
  const connection: Connection = argv.some((a) => TRANSPORT_FLAGS.test(a))
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  registerHandlers(connection);
  const closed = new Promise<void>((resolve) => connection.onExit(() => resolve()));
  connection.listen();
  return closed;
}
