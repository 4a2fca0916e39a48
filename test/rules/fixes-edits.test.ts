/**
 * The text-edit helpers behind the quick fixes: import placement and style, specifiers (relative, `.js`, `@/`
 * alias), conflicts, object-literal edits and LSP-order application.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, ensureImport, importInsertOffset, specFor } from '../../rules/lib/edits';
import { addProperty, addToArrayProperty, topLevelKeys } from '../../rules/lib/objects';
import { buildModel } from '../helpers/model-builder';

test('specifiers: the @/ alias when the file already uses it, .js endings when the file writes them, else relative', () => {
  const { model } = buildModel({
    files: {
      'src/lib/users.ts': 'export const listUsers = () => [];\n',
      'src/app/api/users/route.ts': "import { listUsers } from '@/lib/users';\nexport async function GET() { return Response.json(listUsers()); }\n",
      'src/app/api/other/route.ts': "import { listUsers } from '../../../lib/users';\nexport async function GET() { return Response.json(listUsers()); }\n",
      'src/server.ts': "import { x } from './x.js';\nexport const y = x;\n",
      'src/x.ts': 'export const x = 1;\n',
    },
    routes: [],
  });
  assert.equal(specFor(model, 'src/app/api/users/route.ts', 'src/lib/rate-limit.ts'), '@/lib/rate-limit');
  assert.equal(specFor(model, 'src/app/api/other/route.ts', 'src/lib/rate-limit.ts'), '../../../lib/rate-limit');
  assert.equal(specFor(model, 'src/server.ts', 'src/middleware/require-auth.ts'), './middleware/require-auth.js');
});

test('imports: after the last import, after a shebang and directives, merged into an existing named import, conflicts refused', () => {
  const files = {
    'src/a.ts': "#!/usr/bin/env node\n'use strict';\nexport const a = 1;\n",
    'src/b.ts': "import { Controller, Get } from '@nestjs/common';\nimport x from 'x';\n\nexport class B {}\n",
    'src/c.ts': "import { requireAuth } from './other';\nexport const c = requireAuth;\n",
    'src/other.ts': 'export const requireAuth = 1;\n',
    'src/auth.ts': 'export const requireAuth = 2;\n',
  };
  const { model } = buildModel({ files, routes: [] });
  assert.equal(importInsertOffset(model.files['src/a.ts'], files['src/a.ts']), "#!/usr/bin/env node\n'use strict';\n".length);
  const b = ensureImport(model, 'src/b.ts', files['src/b.ts'], { module: '@nestjs/common', imported: 'UseGuards', local: 'UseGuards' });
  assert.ok(Array.isArray(b));
  assert.equal(applyEdits(files['src/b.ts'], b), "import { Controller, Get, UseGuards } from '@nestjs/common';\nimport x from 'x';\n\nexport class B {}\n");
  assert.equal(ensureImport(model, 'src/c.ts', files['src/c.ts'], { file: 'src/auth.ts', imported: 'requireAuth', local: 'requireAuth' }), 'conflict');
  assert.deepEqual(ensureImport(model, 'src/c.ts', files['src/c.ts'], { file: 'src/other.ts', imported: 'requireAuth', local: 'requireAuth' }), []);
});

test('object literals: top-level keys only, array items added, non-array values refused, layout kept', () => {
  const text = "app.post('/x', {\n  schema: { onRequest: 1 },\n  onRequest: [a],\n  config: cfg,\n}, h);";
  const obj = { start: text.indexOf('{'), end: text.lastIndexOf('}') + 1 };
  assert.deepEqual([...topLevelKeys(text, obj.start, obj.end).keys()], ['schema', 'onRequest', 'config']);
  const add = addToArrayProperty('f', text, obj, 'onRequest', 'guard')!;
  assert.match(applyEdits(text, [add]), /onRequest: \[guard, a\]/);
  assert.equal(addToArrayProperty('f', text, obj, 'config', 'guard'), undefined);
  const prop = addProperty('f', text, obj, 'preHandler: [p]');
  assert.match(applyEdits(text, [prop]), /\{\n {2}preHandler: \[p\],\n {2}schema:/);
  const empty = "x({})";
  assert.equal(applyEdits(empty, [addProperty('f', empty, { start: 2, end: 4 }, 'a: 1')]), 'x({ a: 1 })');
});

test('applyEdits keeps same-offset insertions in list order (LSP semantics)', () => {
  assert.equal(applyEdits('f(h)', [{ start: 2, end: 2, newText: 'a, ' }, { start: 2, end: 2, newText: 'b, ' }]), 'f(a, b, h)');
});

test('an import after a last line without a newline starts on its own line', () => {
  const files = { 'src/d.ts': "import express from 'express';" };
  const { model } = buildModel({ files, routes: [] });
  const e = ensureImport(model, 'src/d.ts', files['src/d.ts'], { module: 'x', imported: 'y', local: 'y' });
  assert.ok(Array.isArray(e));
  assert.equal(applyEdits(files['src/d.ts'], e), "import express from 'express';\nimport { y } from 'x';\n");
});
