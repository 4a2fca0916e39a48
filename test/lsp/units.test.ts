/**
 * In-process unit tests of the server's pure parts: settings parsing (each bad field falls back on its own), the edit
 * builder (fixes taken whole or not at all: stale files, overlaps, identical edits, files that exist), and the
 * diagnostics publisher (only changed files go over the wire; files without findings are cleared once).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fix } from '../../rules/api';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics';
import { EditBuilder, type EditTarget } from '../../server/src/lsp/edits';
import { DEFAULT_SETTINGS, parseSettings, SettingsCache } from '../../server/src/settings';

test('settings: defaults, valid values, and one bad field not resetting the others', async () => {
  assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(parseSettings(null), DEFAULT_SETTINGS);
  const s = parseSettings({ enable: 'yes', diagnostics: { minSeverity: 'warning' }, analysis: { debounceMs: -5, cache: false } });
  assert.equal(s.enable, true, 'a non-boolean falls back');
  assert.equal(s.diagnostics.minSeverity, 'warning');
  assert.equal(s.analysis.debounceMs, 150, 'out of range falls back');
  assert.equal(s.analysis.cache, false);
  let fetched = 0;
  const cache = new SettingsCache(async () => {
    fetched++;
    return { analysis: { debounceMs: 20 } };
  });
  assert.equal((await cache.get('file:///a')).analysis.debounceMs, 20);
  await cache.get('file:///a');
  assert.equal(fetched, 1, 'cached per folder');
  cache.clear();
  await cache.get('file:///a');
  assert.equal(fetched, 2, 'dropped on configuration change');
});

function target(texts: Record<string, string | undefined>, existing: string[] = []): EditTarget {
  return {
    uriOf: (file) => `file:///ws/${file}`,
    textOf: (file) => texts[file],
    exists: (file) => file in texts || existing.includes(file),
    docVersion: () => null,
  };
}

const fix = (edits: Fix['edits'], createFiles?: Fix['createFiles']): Fix => ({ title: 't', edits, createFiles, safe: true });

test('edit builder: overlapping fixes are dropped whole, identical edits kept once, stale files refused', () => {
  const t = target({ 'a.ts': 'abcdefghij', 'b.ts': '0123456789' });
  const b = new EditBuilder({ documentChanges: true, canCreate: true });
  const importLine = { file: 'a.ts', start: 0, end: 0, newText: 'import x;\n' };
  assert.equal(b.add(t, fix([importLine, { file: 'a.ts', start: 2, end: 4, newText: 'XY' }])), true);
  assert.equal(b.add(t, fix([importLine, { file: 'a.ts', start: 6, end: 6, newText: '!' }])), true, 'the shared import is not a conflict');
  assert.equal(b.add(t, fix([{ file: 'b.ts', start: 1, end: 2, newText: '_' }, { file: 'a.ts', start: 3, end: 5, newText: 'Z' }])), false, 'overlap');
  assert.equal(b.add(t, fix([{ file: 'gone.ts', start: 0, end: 0, newText: 'x' }])), false, 'stale or missing file');
  assert.equal(b.add(t, fix([{ file: 'a.ts', start: 5, end: 99, newText: '' }])), false, 'out of range');
  assert.equal(b.fixes, 2);
  const edit = b.build()!;
  const docs = edit.documentChanges!.filter((c) => 'edits' in c) as { textDocument: { uri: string }; edits: { newText: string }[] }[];
  assert.deepEqual(docs.map((d) => d.textDocument.uri), ['file:///ws/a.ts'], 'the refused fix left b.ts untouched');
  assert.deepEqual(docs[0].edits.map((e) => e.newText), ['import x;\n', 'XY', '!']);
});

test('edit builder: created files never overwrite, the same module created twice once, no creates without support', () => {
  const t = target({ 'a.ts': 'abc' }, ['exists.ts']);
  const create = { file: 'guard.ts', text: 'export const g = 1;\n' };
  const b = new EditBuilder({ documentChanges: true, canCreate: true, annotation: { id: 'x', annotation: { label: 'l', needsConfirmation: true } } });
  assert.equal(b.add(t, fix([], [{ file: 'exists.ts', text: '' }])), false);
  assert.equal(b.add(t, fix([{ file: 'a.ts', start: 0, end: 0, newText: '1' }], [create])), true);
  assert.equal(b.add(t, fix([{ file: 'a.ts', start: 3, end: 3, newText: '2' }], [create])), true, 'same module, same text');
  assert.equal(b.add(t, fix([], [{ file: 'guard.ts', text: 'other' }])), false, 'same module, other text');
  const edit = b.build()!;
  assert.deepEqual(edit.changeAnnotations, { x: { label: 'l', needsConfirmation: true } });
  assert.equal(edit.documentChanges!.filter((c) => 'kind' in c).length, 1);
  const plain = new EditBuilder({ documentChanges: false, canCreate: false });
  assert.equal(plain.add(t, fix([], [create])), false);
  assert.equal(plain.build(), undefined);
});

test('diagnostics publisher: sends only changed files and clears files that lost their findings', () => {
  const sent: [string, number][] = [];
  const p = new DiagnosticsPublisher((uri, d) => sent.push([uri, d.length]));
  const diag = (msg: string) => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: msg });
  p.update('f', new Map([['a', [diag('1')]], ['b', [diag('2')]]]));
  p.update('f', new Map([['a', [diag('1')]], ['b', [diag('3')]]]));
  p.update('f', new Map([['a', [diag('1')]]]));
  assert.deepEqual(sent, [['a', 1], ['b', 1], ['b', 1], ['b', 0]]);
  assert.equal(p.count('f'), 1);
  p.clear('f');
  assert.deepEqual(sent[sent.length - 1], ['a', 0]);
});
