import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';

test('a file with a syntax error is reported in skipped, not dropped', async () => {
  const { model } = await scanFixture({
    'src/ok.ts': "import express from 'express';\nexport const app = express();\n",
    'src/broken.ts': "import express from 'express';\nconst x = ;\n",
  });
  assert.ok(model.files['src/ok.ts']);
  const skip = model.skipped.find((s) => s.file === 'src/broken.ts');
  assert.ok(skip, 'broken file is listed as skipped');
  assert.match(skip.reason, /syntax error at 2:/);
});

test('an empty folder gives an empty, valid model', async () => {
  const { model, scorecard } = await scanFixture({});
  assert.deepEqual(model.routes, []);
  assert.equal(scorecard.checks.length > 0, true);
});

test('node_modules and build output are never analysed, .gitignore is honoured', async () => {
  const { model } = await scanFixture({
    'node_modules/x/index.js': 'module.exports = 1;\n',
    'dist/app.js': 'export const a = 1;\n',
    '.gitignore': 'generated/\n',
    'generated/g.ts': 'export const g = 1;\n',
    'src/a.ts': 'export const a = 1;\n',
  });
  assert.deepEqual(Object.keys(model.files), ['src/a.ts']);
  assert.ok(model.skipped.some((s) => s.file === 'node_modules/'));
  assert.ok(model.skipped.some((s) => s.file === 'dist/'));
});
