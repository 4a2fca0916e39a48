/**
 * Names that mean "this holds a secret": variable, property and environment-variable names split into words, so
 * that `OPENAI_API_KEY`, `apiKey` and `stripeSecret` count while `MONKEY`, `KEYBOARD` and `tokenUrl` do not.
 * Pure string helpers, shared by the scanner (model) and the rules.
 */
import { isPublicKeyName } from './public-keys';

const SECRET_WORDS = new Set([
  'key', 'keys', 'apikey', 'secret', 'secrets', 'token', 'tokens', 'password', 'passwd', 'pwd', 'pass', 'passphrase',
  'credential', 'credentials', 'creds', 'auth', 'private', 'privatekey', 'signing', 'salt', 'pat', 'dsn',
]);
/** A last word that turns a secret-ish name into the name of something else (`tokenUrl`, `KEY_ID`, `secretName`). */
const NOT_SECRET_LAST = new Set([
  'id', 'ids', 'url', 'uri', 'endpoint', 'host', 'name', 'names', 'field', 'label', 'header', 'type', 'length',
  'len', 'path', 'file', 'prefix', 'expiry', 'expires', 'ttl', 'timeout', 'count', 'index', 'regex', 'pattern',
  'mode', 'version', 'region', 'provider', 'strategy', 'format', 'scope', 'scopes', 'enabled', 'required',
]);

const CONNECTION_STRING = /^(?:[A-Z]+_)?(DATABASE|DB|POSTGRES(QL)?|PG|MYSQL|MONGO(DB)?|REDIS|AMQP|RABBITMQ)_?(URL|URI|CONNECTION_STRING|DSN)$|connection_?string$/i;

/** Split `stripeSecretKey`, `STRIPE_SECRET_KEY`, `x-api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Words that may follow the secret word without changing what the name holds (`SECRET_KEY_BASE`, `API_KEY_V2`). */
const NEUTRAL_SUFFIX = /^(value|val|str|string|b64|base64|hex|raw|base|prod|production|dev|development|staging|live|test|main|primary|secondary|old|new|current|v\d+|\d+)$/;
const WEAK_WORDS = new Set(['pass', 'pat', 'dsn']);

/**
 * Whether a name says it holds a secret: its last word (ignoring neutral suffixes such as `_V2` or `_BASE`) is a
 * secret word. `OPENAI_API_KEY`, `apiKey`, `stripeSecret`, `DB_PASS` count; `MONKEY`, `tokenUrl`, `AWS_ACCESS_KEY_ID`,
 * `PASSWORD_TOO_WEAK` and `resetPasswordHandler` do not.
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  // Names that contain a secret word but are public by design (publishable keys, public DSNs, analytics write keys).
  if (!words.length || isPublicKeyName(name)) return false;
  // Connection strings carry the database password even though the name says URL.
  if (CONNECTION_STRING.test(name)) return true;
  let last = words.length - 1;
  while (last > 0 && NEUTRAL_SUFFIX.test(words[last])) last--;
  const word = words[last];
  if (!SECRET_WORDS.has(word) || NOT_SECRET_LAST.has(word)) return false;
  // `pass`, `pat`, `dsn` alone are too ambiguous (a boolean flag, a path); `auth`, `private`, `signing` never end a secret name.
  if (WEAK_WORDS.has(word)) return last > 0;
  return !['auth', 'private', 'signing'].includes(word);
}

/** Whether a name is about a password (short human-made values are still secrets). */
export function isPasswordName(name: string): boolean {
  const words = nameWords(name);
  return ['password', 'passwd', 'pwd', 'passphrase', 'pass'].includes(words[words.length - 1]);
}

/** Names of signing secrets whose literal values are always a finding, however weak (`'keyboard cat'`). */
export function isSigningSecretName(name: string): boolean {
  return /^(secret|secretOrKey|secretOrPrivateKey|jwtSecret|JWT_SECRET|sessionSecret|SESSION_SECRET|cookieSecret|COOKIE_SECRET|signingSecret|signingKey|SIGNING_SECRET|AUTH_SECRET|NEXTAUTH_SECRET)$/.test(
    name,
  );
}

/** Environment-variable prefixes whose values bundlers inline into browser code. */
export const CLIENT_ENV_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'PUBLIC_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_'];

/**
 * The public prefix of a name, if any. A bare `PUBLIC_` only means "public" in SvelteKit and Astro projects; pass the
 * workspace dependencies to check that (without them, `PUBLIC_` counts).
 */
export function clientEnvPrefix(name: string, dependencies?: Record<string, string>): string | undefined {
  const prefix = CLIENT_ENV_PREFIXES.find((p) => name.startsWith(p));
  if (prefix === 'PUBLIC_' && dependencies && !dependencies['@sveltejs/kit'] && !dependencies.astro) return undefined;
  return prefix;
}

/** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`: templates meant to be committed. */
export function isEnvExampleFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return /^\.env(\..*)?\.(example|sample|template|dist|defaults?|schema)$|^\.env\.(example|sample|template|dist|defaults?|schema)(\..*)?$/.test(base);
}

/** Whether a workspace path is test code or a fixture (secrets there are usually fakes). */
export function isTestPath(file: string): boolean {
  return /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|spec|e2e|fixtures?|mocks?|testdata|cypress|playwright)\/|\.(test|spec|stories)\.[cm]?[jt]sx?$/i.test(file);
}

/** The conventional environment-variable name for a detector kind, used by fixes. */
export const ENV_NAME_BY_KIND: Record<string, string> = {
  'openai-key': 'OPENAI_API_KEY',
  'anthropic-key': 'ANTHROPIC_API_KEY',
  'aws-access-key': 'AWS_ACCESS_KEY_ID',
  'aws-secret-key': 'AWS_SECRET_ACCESS_KEY',
  'stripe-live-secret': 'STRIPE_SECRET_KEY',
  'stripe-test-secret': 'STRIPE_SECRET_KEY',
  'stripe-webhook-secret': 'STRIPE_WEBHOOK_SECRET',
  'github-token': 'GITHUB_TOKEN',
  'slack-token': 'SLACK_BOT_TOKEN',
  'slack-webhook': 'SLACK_WEBHOOK_URL',
  'google-api-key': 'GOOGLE_API_KEY',
  'sendgrid-key': 'SENDGRID_API_KEY',
  'twilio-api-key': 'TWILIO_API_KEY',
  'twilio-auth-token': 'TWILIO_AUTH_TOKEN',
  'database-url': 'DATABASE_URL',
  'jwt-secret': 'JWT_SECRET',
  'signing-secret': 'SESSION_SECRET',
  'pem-private-key': 'PRIVATE_KEY',
  'supabase-service-role-key': 'SUPABASE_SERVICE_ROLE_KEY',
  'jwt-token': 'API_TOKEN',
};

/** `apiKey` → `API_KEY`; already upper-snake names are kept. */
export function toEnvName(name: string): string {
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return name;
  return nameWords(name).join('_').toUpperCase();
}

/** Kinds found by context (a name, a call) rather than by a provider's key format: noisy in tests and docs. */
const CONTEXT_KINDS = new Set(['jwt-secret', 'signing-secret', 'password', 'entropy', 'jwt-token']);

/** Whether a secret kind is a provider key format (`sk-…`, `AKIA…`, PEM), as opposed to a context detection. */
export function isFormatKind(kind: string): boolean {
  return !CONTEXT_KINDS.has(kind);
}

/** Docs and notes: code samples there are examples, so only provider key formats count. */
export function isDocPath(file: string): boolean {
  return /\.(md|mdx|markdown|txt|rst|adoc)$/i.test(file);
}
