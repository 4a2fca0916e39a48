import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFixture } from '../helpers/fixture';
import { scanFixture, scanFolder } from '../helpers/scan';

const RULE = 'env-file-committed';
const only = <T extends { rule: string }>(findings: T[]) => findings.filter((f) => f.rule === RULE);

function gitRepo(files: Record<string, string>, add: string[]): string {
  const root = writeFixture(files);
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-f', ...add], { cwd: root });
  return root;
}

test('env-file-committed: a tracked .env is reported with the secret names, never values', async () => {
  const root = gitRepo(
    { '.env': 'OPENAI_API_KEY=abc123\nPORT=3000\n', '.gitignore': 'node_modules\n', 'src/a.ts': 'export {};\n' },
    ['.env', '.gitignore', 'src/a.ts'],
  );
  const fs = only((await scanFolder(root)).result.findings);
  assert.equal(fs.length, 1);
  assert.equal(fs[0].file, '.env');
  assert.match(fs[0].message, /tracked by git.*\(OPENAI_API_KEY\).*git rm --cached \.env/);
  assert.ok(!fs[0].message.includes('abc123'));
  assert.equal(fs[0].fixes[0].edits[0].newText.includes('.env*'), true, 'also not ignored: the fix adds the ignore');
});

test('env-file-committed: tracked templates and framework defaults without secrets are fine', async () => {
  const root = gitRepo(
    {
      '.env.example': 'OPENAI_API_KEY=\n',
      '.env.production': 'NEXT_PUBLIC_APP_URL=https://app.example.com\n',
      '.gitignore': '.env\n.env*.local\n',
      '.env.local': 'STRIPE_SECRET_KEY=x\n',
    },
    ['.env.example', '.env.production', '.gitignore'],
  );
  assert.deepEqual(only((await scanFolder(root)).result.findings), []);
});

test('env-file-committed: an .env not covered by .gitignore gets a safe ignore fix (no git needed)', async () => {
  const { result, model } = await scanFixture({ '.env.local': 'DATABASE_URL=x\n', '.gitignore': 'node_modules' });
  assert.equal(model.git, false);
  const fs = only(result.findings);
  assert.equal(fs.length, 1);
  assert.match(fs[0].message, /not covered by \.gitignore/);
  const [edit] = fs[0].fixes[0].edits;
  assert.equal(edit.file, '.gitignore');
  assert.equal(edit.start, 'node_modules'.length);
  assert.ok(edit.newText.startsWith('\n\n# Local environment files'));
  assert.equal(fs[0].fixes[0].safe, true);
});

test('env-file-committed: creates .gitignore when there is none; ignored files are fine', async () => {
  const a = only((await scanFixture({ '.env': 'JWT_SECRET=x\n' })).result.findings);
  assert.deepEqual(a[0].fixes[0].createFiles?.map((c) => c.file), ['.gitignore']);
  const b = only((await scanFixture({ '.env': 'JWT_SECRET=x\n', '.gitignore': '.env*\n!.env.example\n' })).result.findings);
  assert.deepEqual(b, []);
});

test('env-file-committed: empty env files and test fixtures are left alone', async () => {
  const { result } = await scanFixture({ '.env': '# nothing yet\n', 'test/fixtures/app/.env': 'API_KEY=x\n' });
  assert.deepEqual(only(result.findings), []);
});
