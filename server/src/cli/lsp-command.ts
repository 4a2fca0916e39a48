/**
 * `readiness lsp [--stdio | --node-ipc]`: run the language server for any LSP editor (Neovim, Helix, Zed, …).
 * Loaded lazily by the command table so that `scan` never pays for the LSP library.
 */
import type { ParsedArgs } from './args';
import { startServer } from '../lsp/start';

export async function lspCommand(args: ParsedArgs): Promise<number> {
  if (args.positionals.length) throw new Error(`lsp takes no arguments (got "${args.positionals[0]}")`);
  await startServer(process.argv);
  return 0;
}
