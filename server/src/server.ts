/**
 * The language server bundle's entry (dist/server.js): the VS Code client starts it with `--node-ipc` or `--stdio`.
 * All wiring lives in lsp/; this file only starts it.
 */
import { startServer } from './lsp/start';

void startServer();
