import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FactsCache } from '../../server/src/model/cache';
import { scanWorkspace } from '../../server/src/scan';
import { writeFixture } from '../helpers/fixture';

const APP = "import express from 'express';\nconst app = express();\napp.get('/api/a', (req, res) => res.json({}));\n";

test('a warm scan reuses facts of unchanged files and re-extracts changed ones', async () => {
  const root = writeFixture({ 'src/app.ts': APP, 'src/util.ts': 'export const x = 1;\n' });
  const first = await scanWorkspace(root, { cache: true, workerThreshold: 0 });
  assert.deepEqual(first.model.routes.map((r) => r.key), ['GET /api/a']);
  const file = join(root, 'src/app.ts');
  const cache = FactsCache.open(root);
  const st = statSync(file);
  assert.ok(cache.getByStat('src/app.ts', { size: st.size, mtimeMs: st.mtimeMs }), 'unchanged file is served by its stat');

  writeFileSync(file, APP + "app.post('/api/b', (req, res) => res.json({}));\n");
  const second = await scanWorkspace(root, { cache: true, workerThreshold: 0 });
  assert.deepEqual(second.model.routes.map((r) => r.key).sort(), ['GET /api/a', 'POST /api/b']);

  // Same size, new mtime, different content: the hash decides.
  const same = APP.replace("'/api/a'", "'/api/z'") + "app.post('/api/b', (req, res) => res.json({}));\n";
  writeFileSync(file, same);
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
  const third = await scanWorkspace(root, { cache: true, workerThreshold: 0 });
  assert.deepEqual(third.model.routes.map((r) => r.key).sort(), ['GET /api/z', 'POST /api/b']);
});
