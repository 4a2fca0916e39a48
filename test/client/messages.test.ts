/**
 * The scorecard webview is untrusted input: only the closed message union gets through, with file URIs, sane ranges
 * and known export formats; anything shaped like "run this command" is dropped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebviewMessage } from '../../client/src/scorecard/messages';

const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } };

test('accepts every message of the union', () => {
  const ok = [
    { type: 'ready' },
    { type: 'rescan' },
    { type: 'openFinding', uri: 'file:///w/src/server.ts', range },
    { type: 'openRoute', uri: 'file:///w/src/server.ts', line: 4 },
    { type: 'exportReport', format: 'sarif' },
    { type: 'selectFolder', folder: 'file:///w' },
    { type: 'runProbe', url: 'https://staging.example.com', allowBurst: false, allowPost: true },
    { type: 'cancelProbe' },
  ];
  for (const m of ok) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
});

test('drops commands, unknown types and malformed fields', () => {
  const bad: unknown[] = [
    null,
    'ready',
    { type: 'executeCommand', command: 'workbench.action.terminal.new' },
    { type: 'openFinding', uri: 'command:workbench.action.terminal.new', range },
    { type: 'openFinding', uri: 'https://evil.example/x.ts', range },
    { type: 'openFinding', uri: 'file:///w/a.ts', range: { start: { line: -1, character: 0 }, end: range.end } },
    { type: 'openRoute', uri: 'file:///w/a.ts', line: 0 },
    { type: 'exportReport', format: 'exe' },
    { type: 'runProbe', url: 'not a url', allowBurst: false, allowPost: false },
    { type: 'runProbe', url: 'file:///etc/passwd', allowBurst: false, allowPost: false },
    { type: 'runProbe', url: 'https://x.example', allowBurst: 'yes', allowPost: false },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
});

test('strips fields outside the schema', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'rescan', command: 'workbench.action.reloadWindow' }), { type: 'rescan' });
});
