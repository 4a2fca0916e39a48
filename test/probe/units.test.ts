// Tables for the probe's pure judgements: header grading, CORS, leaks, edges, percentiles, DMARC and helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeHeaders, parseHsts } from '../../server/src/probe/checks/headers';
import { judgeCors } from '../../server/src/probe/checks/cors';
import { findLeaks } from '../../server/src/probe/checks/post-checks';
import { detectEdges } from '../../server/src/probe/checks/edge';
import { percentile } from '../../server/src/probe/checks/health-latency';
import { scriptSources } from '../../server/src/probe/checks/bundle';
import { concretePath, worst } from '../../server/src/probe/context';
import { judgeDmarc } from '../../server/src/probe/dns/dmarc-mx-caa';
import { organisationalDomain } from '../../server/src/probe/dns/resolver';
import { resolveOptions } from '../../server/src/probe';
import { selectorsInText } from '../../server/src/probe/selectors';

test('header grade: each test moves the score as documented', () => {
  const none = gradeHeaders({}, true);
  assert.equal(none.score, 30); // -25 CSP, -20 framing, -20 HSTS, -5 nosniff
  assert.equal(none.grade, 'D');
  const csp = (v: string) => gradeHeaders({ 'content-security-policy': v }, true).tests['content-security-policy'];
  assert.equal(csp("script-src 'self' 'unsafe-inline'").modifier, -20);
  assert.equal(csp("script-src 'self' 'unsafe-inline' 'nonce-abc'").pass, true);
  assert.equal(csp("default-src 'self' 'unsafe-eval'").modifier, -10);
  assert.equal(csp('default-src https:').pass, false);
  assert.equal(csp("default-src 'none'").modifier, 10);
  assert.equal(gradeHeaders({ 'x-frame-options': 'ALLOW-FROM https://a.example' }, true).tests['x-frame-options'].pass, false);
  assert.equal(gradeHeaders({ 'x-frame-options': 'sameorigin' }, true).tests['x-frame-options'].pass, true);
  const banners = gradeHeaders({ server: 'nginx/1.25.3', 'x-powered-by': 'PHP/8' }, true).tests['version-banners'];
  assert.equal(banners.modifier, -10);
  assert.equal(gradeHeaders({ server: 'nginx' }, true).tests['version-banners'].pass, true);
  assert.equal(gradeHeaders({ 'referrer-policy': 'no-referrer, strict-origin-when-cross-origin' }, true).tests['referrer-policy'].modifier, 5);
});

test('HSTS parsing keeps max-age, includeSubDomains and preload', () => {
  assert.deepEqual(parseHsts('max-age=63072000; includeSubDomains; preload'), { present: true, maxAge: 63072000, includeSubDomains: true, preload: true });
  assert.equal(parseHsts('max-age="300"').maxAge, 300);
  assert.equal(parseHsts(undefined).present, false);
});

test('CORS: an echo with credentials fails, without warns, * passes, a fixed allow-list passes', () => {
  const o = 'https://evil.example';
  assert.equal(judgeCors(o, { 'access-control-allow-origin': o, 'access-control-allow-credentials': 'true' }).status, 'fail');
  assert.equal(judgeCors('null', { 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'true' }).status, 'fail');
  assert.equal(judgeCors(o, { 'access-control-allow-origin': o }).status, 'warn');
  assert.equal(judgeCors(o, { 'access-control-allow-origin': '*' }).status, 'pass');
  assert.equal(judgeCors(o, { 'access-control-allow-origin': 'https://app.example', 'access-control-allow-credentials': 'true' }).status, 'pass');
  assert.equal(judgeCors(o, {}).status, 'pass');
});

test('leak patterns: stack frames and server paths, not ordinary error messages', () => {
  assert.deepEqual(findLeaks('SyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)\n    at parse (/app/node_modules/body-parser/lib/types/json.js:92:19)'), ['stack trace', 'node_modules path', 'server file path']);
  assert.deepEqual(findLeaks('Invalid `prisma.user.findMany()` PrismaClientKnownRequestError'), ['database error']);
  assert.deepEqual(findLeaks('{"error":"invalid JSON","requestId":"abc"}'), []);
  assert.deepEqual(findLeaks('Bad Request at position 12'), []);
});

test('edges are read from headers', () => {
  assert.deepEqual(detectEdges({ 'cf-ray': '8a1-AMS', server: 'cloudflare' }), ['Cloudflare']);
  assert.deepEqual(detectEdges({ 'x-amz-cf-id': 'x', via: '1.1 abc.cloudfront.net (CloudFront)' }), ['Amazon CloudFront']);
  assert.deepEqual(detectEdges({ server: 'nginx' }), []);
});

test('nearest-rank percentiles, worst status, concrete paths, organisational domains', () => {
  assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 95), 100);
  assert.equal(percentile([7], 95), 7);
  assert.equal(worst(['pass', 'warn', 'skip']), 'warn');
  assert.equal(worst(['pass', 'error', 'fail']), 'fail');
  assert.equal(worst([]), 'skip');
  assert.equal(worst(['skip', 'skip']), 'skip');
  assert.equal(worst(['skip', 'pass']), 'pass');
  assert.equal(concretePath('/api/tickets/:id/messages/*rest'), '/api/tickets/1/messages/x');
  assert.equal(organisationalDomain('mail.eu.example.com'), 'example.com');
  assert.equal(organisationalDomain('news.bbc.co.uk'), 'bbc.co.uk');
});

test('DMARC judgement: reject passes, pct and missing rua warn, invalid p fails', () => {
  assert.equal(judgeDmarc('v=DMARC1; p=reject; rua=mailto:a@x.test', 'x.test').status, 'pass');
  assert.equal(judgeDmarc('v=DMARC1; p=quarantine; pct=20; rua=mailto:a@x.test', 'x.test').status, 'warn');
  assert.equal(judgeDmarc('v=DMARC1; p=reject', 'x.test').status, 'warn');
  assert.equal(judgeDmarc('v=DMARC1; p=reject; sp=none; rua=mailto:a@x.test', 'x.test').status, 'warn');
  assert.equal(judgeDmarc('v=DMARC1; p=block', 'x.test').status, 'fail');
});

test('script discovery finds src and inline scripts', () => {
  const { srcs, inline } = scriptSources('<script src="/a.js" defer></script><script type="module">import x from "/b.js"</script><script>\n</script>');
  assert.deepEqual(srcs, ['/a.js']);
  assert.equal(inline.length, 1);
});

test('options are validated with one-line messages', () => {
  assert.throws(() => resolveOptions({ url: 'not a url' }), /is not a URL/);
  assert.throws(() => resolveOptions({ url: 'file:///etc/passwd' }), /http\(s\)/);
  assert.throws(() => resolveOptions({ url: 'https://a.test', budget: 0 }), /--budget/);
  assert.throws(() => resolveOptions({ url: 'https://user:hunter2@a.test/' }), /--header/);
  assert.equal(resolveOptions({ url: 'https://a.test' }).budget, 300);
});

test('DKIM selectors are read from mail configuration in code, not from unrelated selectors', () => {
  const mailer = "nodemailer.createTransport({ host: 'smtp', dkim: { domainName: 'x.test', keySelector: '2024a', privateKey: process.env.DKIM_KEY } });";
  assert.deepEqual(selectorsInText(mailer), ['2024a']);
  assert.deepEqual(selectorsInText("const dkimOptions = { selector: 'mail' };"), ['mail']);
  assert.deepEqual(selectorsInText("document.querySelector('#x'); const cfg = { selector: 'div' };"), []);
});
