import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanSecrets } from '../../server/src/model/secrets/scan';
import { isSecretName, isEnvExampleFile } from '../../server/src/model/secrets/names';
import { redact } from '../../server/src/model/secrets/redact';
import { LineMap } from '../../server/src/model/span';
import { FAKE, hex, randomChars } from '../helpers/fake-secrets';

/** A syntactically real JWT with the given payload and a random signature. */
function jwt(payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.${randomChars(43, 60)}`;
}

const scan = (text: string) => scanSecrets(text, new LineMap(text));
const kinds = (text: string) => scan(text).map((f) => f.kind);

const POSITIVES: [string, string, string][] = [
  ['OpenAI project key', `const OPENAI_KEY = "${FAKE.openai()}";`, 'openai-key'],
  ['Anthropic key', `new Anthropic({ apiKey: '${FAKE.anthropic()}' })`, 'anthropic-key'],
  ['AWS access key id', `accessKeyId: "${FAKE.awsId()}",`, 'aws-access-key'],
  ['AWS secret by name', `aws_secret_access_key = ${FAKE.awsSecret()}`, 'aws-secret-key'],
  ['Stripe live key', `const stripe = new Stripe('${FAKE.stripeLive()}');`, 'stripe-live-secret'],
  ['Stripe webhook secret', `const endpointSecret = "${FAKE.whsec()}";`, 'stripe-webhook-secret'],
  ['GitHub classic token', `token: '${FAKE.github()}'`, 'github-token'],
  ['GitHub fine-grained token', `GITHUB_TOKEN=${FAKE.githubPat()}`, 'github-token'],
  ['Slack bot token', `const slack = new WebClient("${FAKE.slack()}");`, 'slack-token'],
  ['Slack webhook', `await fetch('${FAKE.slackHook()}', { method: 'POST' })`, 'slack-webhook'],
  ['Google API key', `const key = "${FAKE.google()}";`, 'google-api-key'],
  ['SendGrid key', `sgMail.setApiKey('${FAKE.sendgrid()}');`, 'sendgrid-key'],
  ['Twilio auth token', `const client = twilio('AC${hex(32, 1)}', '${hex(32, 2)}');\nconst authToken = '${hex(32, 2)}';`, 'twilio-auth-token'],
  ['PEM key in a string', `const key = "${FAKE.pem()}";`, 'pem-private-key'],
  ['database URL with password', `const url = "${FAKE.dbUrl()}";`, 'database-url'],
  ['jwt.sign literal', `const t = jwt.sign({ sub: user.id, roles: [a, b] }, 'my-signing-secret', { expiresIn: '1h' });`, 'jwt-secret'],
  ['jose TextEncoder literal', `import { SignJWT } from 'jose';\nconst t = await new SignJWT({}).sign(new TextEncoder().encode('s3cr3t-key'));`, 'jwt-secret'],
  ['session secret', `app.use(session({ secret: 'keyboard cat', resave: false }));`, 'signing-secret'],
  ['high-entropy value for a secret name', `const internalApiToken = "${randomChars(32, 40)}";`, 'entropy'],
  ['Twilio auth token as a call argument', `const client = twilio(process.env.TWILIO_SID, '${hex(32, 5)}');`, 'twilio-auth-token'],
  ['Supabase service-role JWT', `const admin = createClient(url, '${jwt({ iss: 'supabase', role: 'service_role' })}');`, 'supabase-service-role-key'],
  ['typed class field', `class Client { private readonly apiToken: string = "${randomChars(32, 61)}"; }`, 'entropy'],
  ['comparison with a literal token', `if (token !== "${randomChars(32, 62)}") return res.status(401).end();`, 'entropy'],
  ['password literal', `const dbPassword = "Tr0ub4dor&3x";`, 'password'],
];

for (const [name, text, kind] of POSITIVES) {
  test(`detects: ${name}`, () => {
    assert.ok(kinds(text).includes(kind), `${kind} in ${JSON.stringify(kinds(text))}`);
  });
}

const NEGATIVES: [string, string][] = [
  ['placeholder words', `const OPENAI_KEY = "sk-your-openai-api-key-goes-here-xxxxxxxxxx";`],
  ['too short', `const key = "sk-...";`],
  ['repeated characters', `const key = "sk-${'a'.repeat(48)}";`],
  ['template expression', 'const url = `postgres://app:${process.env.DB_PASSWORD}@db.prod:5432/app`;'],
  ['angle-bracket placeholder', `DATABASE_URL=postgres://user:<password>@host:5432/db`],
  ['AWS documentation key', `accessKeyId: "AKIAIOSFODNN7EXAMPLE"`],
  ['env read', `const apiKey = process.env.OPENAI_API_KEY;`],
  ['MONKEY is not KEY', `const MONKEY = "${randomChars(32, 41)}";`],
  ['token URL is not a token', `const tokenUrl = "https://auth.example.com/oauth/token";`],
  ['an identifier is not a key', `const headerKey = "x_api_key_header_name";`],
  ['PEM header in docs', `// paste -----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY----- here`],
  ['jwt.sign with env secret', `jwt.sign(payload, process.env.JWT_SECRET!, { expiresIn: '1h' })`],
  ['publishable key', `const publishableKey = "pk_live_${randomChars(24, 42)}";`],
  ['Supabase anon JWT', `const supabaseKey = '${jwt({ iss: 'supabase', role: 'anon' })}';`],
  ['a JWT in a sample is low confidence', `const sample = '${jwt({ sub: '1234567890', name: 'John Doe' })}';`],
  ['sk- inside a word', `const cls = "task-${randomChars(40, 43)}";`],
];

for (const [name, text] of NEGATIVES) {
  test(`ignores: ${name}`, () => {
    assert.deepEqual(scan(text).filter((f) => f.confidence !== 'low'), [], JSON.stringify(scan(text)));
  });
}

test('Stripe test keys and local database URLs are low confidence', () => {
  assert.deepEqual(scan(`const k = "${FAKE.stripeTest()}";`).map((f) => f.confidence), ['low']);
  assert.deepEqual(scan('const u = "postgres://postgres:postgres@localhost:5432/dev";').map((f) => f.confidence), ['low']);
});

test('facts carry a redacted preview, the assigned name and an exact span', () => {
  const key = FAKE.openai();
  const text = `// config\nconst OPENAI_KEY = "${key}";\n`;
  const [f] = scan(text);
  assert.equal(f.assignedTo, 'OPENAI_KEY');
  assert.equal(f.preview, `sk-p…(${key.length} chars)`);
  assert.equal(text.slice(f.span.start, f.span.end), key);
  assert.equal(f.span.line, 2);
  assert.ok(!JSON.stringify(f).includes(key.slice(0, 8)));
});

test('a fallback after an env read names the env variable', () => {
  const [f] = scan(`const k = process.env.STRIPE_SECRET_KEY || '${FAKE.stripeLive()}';`);
  assert.equal(f.assignedTo, 'STRIPE_SECRET_KEY');
});

test('AWS secret next to an access key id is found without a name', () => {
  const text = `new S3Client({ credentials: { accessKeyId: '${FAKE.awsId()}', secret: '${FAKE.awsSecret()}' } })`;
  assert.deepEqual(kinds(text).sort(), ['aws-access-key', 'aws-secret-key']);
});

test('redact never shows more than 4 characters or a quarter of the value', () => {
  assert.equal(redact('abcdefghijklmnop'), 'abcd…(16 chars)');
  assert.equal(redact('hunter2!'), 'hu…(8 chars)');
});

test('secret-ish names are split into words', () => {
  for (const n of ['OPENAI_API_KEY', 'apiKey', 'stripeSecret', 'DB_PASSWORD', 'x-api-key', 'SESSION_SECRET', 'DATABASE_URL', 'REDIS_URL', 'databaseUrl']) assert.ok(isSecretName(n), n);
  for (const n of ['MONKEY', 'KEYBOARD', 'tokenUrl', 'AWS_ACCESS_KEY_ID', 'passport', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'author', 'API_URL', 'DATABASE_NAME']) {
    assert.ok(!isSecretName(n), n);
  }
});

test('env template files are recognised', () => {
  for (const f of ['.env.example', 'apps/api/.env.sample', '.env.local.example', '.env.template']) assert.ok(isEnvExampleFile(f), f);
  for (const f of ['.env', '.env.local', '.env.production']) assert.ok(!isEnvExampleFile(f), f);
});

test('a large file without secrets is scanned in one pass and yields nothing', () => {
  const text = 'export function add(a: number, b: number) { return a + b; }\n'.repeat(20000);
  assert.deepEqual(scan(text), []);
});
