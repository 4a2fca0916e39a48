/**
 * Runs the bundled CLI (`dist/cli.js`) for the commands whose output is a file: report export through the CLI's
 * reporters and baseline creation. It runs on the extension host's own Node (ELECTRON_RUN_AS_NODE for desktop VS
 * Code), reads the workspace only, and writes only the file the user chose.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export interface CliResult {
  code: number;
  stderr: string;
}

export function runCli(extensionUri: vscode.Uri, args: string[], cancel?: vscode.CancellationToken): Promise<CliResult> {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stderr: String(stderr).trim().split('\n').slice(-3).join(' ') });
      },
    );
    cancel?.onCancellationRequested(() => child.kill());
  });
}
