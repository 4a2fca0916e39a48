// Facts must be plain data: they cross worker threads (structured clone) and go into the JSON cache. Code that
// names Object.prototype members (`return valueOf(n)`, `HttpStatus.toString`) once put functions into guards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractOne } from '../../server/src/model/index';

const CODE = `
import ts from 'typescript';
export function evaluate(n: ts.Node) {
  if (ts.isSpreadElement(n)) return valueOf(n);
  if (ts.isIdentifier(n)) return toString();
  if (!n) throw new constructor();
  return hasOwnProperty(n);
}
export function status(res: any) {
  if (!res.ok) return res.status(HttpStatus.toString).end();
  return res.status(HttpStatus.FORBIDDEN).end();
}
function valueOf(n: unknown) { return n; }
`;

test('facts of code naming Object.prototype members survive structured clone', () => {
  const outcome = extractOne('src/values.ts', CODE, true);
  assert.ok('facts' in outcome, `analysed (${'skipped' in outcome ? outcome.skipped : ''})`);
  assert.doesNotThrow(() => structuredClone(outcome));
  const statuses = outcome.facts.functions.flatMap((f) => [...f.guards, ...f.responses].map((x) => x.status));
  for (const s of statuses) assert.ok(s === undefined || typeof s === 'number', `status ${typeof s}`);
  assert.ok(statuses.includes(403), 'HttpStatus.FORBIDDEN still maps to 403');
});
