import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonc } from '../../server/src/model/jsonc';

test('tsconfig-style JSON with comments, trailing commas and comment-like strings', () => {
  const text = `{
    // path aliases
    "compilerOptions": {
      "baseUrl": ".", /* block */
      "paths": { "@/*": ["src/*"], "~//x": ["a//b/*"], },
    },
  }`;
  assert.deepEqual(parseJsonc(text), { compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'], '~//x': ['a//b/*'] } } });
  assert.equal(parseJsonc('{ broken'), undefined);
});
