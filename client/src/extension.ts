/**
 * Entry point of the Launch Readiness extension: wires the language client, the status item, the scorecard view
 * and the commands together. Analysis never starts here: the server indexes after `initialized`.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ReadinessClient } from './language-client';
import { ProbeRunner } from './probe';
import { ScorecardViewProvider, SCORECARD_VIEW_ID } from './scorecard/provider';
import { StatusItem } from './status';

let client: ReadinessClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = new StatusItem();
  client = new ReadinessClient(context, status);
  const probe = new ProbeRunner(client);
  const view = new ScorecardViewProvider(context.extensionUri, client, probe);
  context.subscriptions.push(
    status,
    client,
    probe,
    vscode.window.registerWebviewViewProvider(SCORECARD_VIEW_ID, view),
    ...registerCommands(context, client, view),
  );
  client.onScorecardChanged(() => view.refresh());
  client.onStatus((s) => view.postStatus(s));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
