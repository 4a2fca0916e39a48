/**
 * The catalogue: plain data about well-known libraries, shared by the body IR (sources), protection recognition and
 * route tags. No logic beyond small lookups lives here, so that adding a library is a one-line change.
 */
import type { ProtectionKind, Protection } from './types';

/** A library that protects a route when used as middleware, guard, hook, plugin or pipe. */
export interface ProtectionLibrary {
  /** npm module (exact) or pattern. */
  module: string | RegExp;
  kind: ProtectionKind;
  /** Export names (first segment of `exportName`) that provide the protection; omitted = any export. */
  exports?: string[];
  /** Display library name when the module is a pattern. */
  library?: string;
  keyedBy?: Protection['keyedBy'];
}

export const PROTECTION_LIBRARIES: readonly ProtectionLibrary[] = [
  // Authentication.
  { module: 'passport', kind: 'auth', exports: ['default', 'authenticate', '*'] },
  { module: 'express-jwt', kind: 'auth' },
  { module: 'jose', kind: 'auth', exports: ['jwtVerify'] },
  { module: 'jsonwebtoken', kind: 'auth', exports: ['verify', 'default'] },
  { module: /^next-auth(\/.*)?$/, kind: 'auth', library: 'next-auth', exports: ['default', 'auth', 'getServerSession', 'withAuth'] },
  { module: /^@auth\//, kind: 'auth', library: 'auth.js' },
  { module: /^@clerk\//, kind: 'auth', library: 'clerk', exports: ['clerkMiddleware', 'requireAuth', 'ClerkExpressRequireAuth', 'ClerkExpressWithAuth', 'getAuth', 'authMiddleware', 'auth', 'currentUser'] },
  { module: /^@supabase\//, kind: 'auth', library: 'supabase', exports: ['auth'] },
  { module: /^firebase-admin(\/.*)?$/, kind: 'auth', library: 'firebase-admin', exports: ['auth', 'getAuth', 'default'] },
  { module: '@fastify/jwt', kind: 'auth' },
  { module: '@fastify/auth', kind: 'auth' },
  { module: '@fastify/basic-auth', kind: 'auth' },
  { module: '@fastify/bearer-auth', kind: 'auth' },
  { module: 'hono/jwt', kind: 'auth', exports: ['jwt', 'verify'] },
  { module: 'hono/bearer-auth', kind: 'auth' },
  { module: 'hono/basic-auth', kind: 'auth' },
  { module: 'koa-jwt', kind: 'auth' },
  { module: 'koa-passport', kind: 'auth' },
  { module: '@nestjs/passport', kind: 'auth', exports: ['AuthGuard'] },
  { module: 'express-basic-auth', kind: 'auth' },
  { module: 'express-openid-connect', kind: 'auth', exports: ['requiresAuth', 'auth'] },
  { module: 'express-oauth2-jwt-bearer', kind: 'auth' },
  // Rate limits.
  { module: 'express-rate-limit', kind: 'rateLimit', keyedBy: 'ip' },
  { module: 'express-slow-down', kind: 'rateLimit', keyedBy: 'ip' },
  { module: 'rate-limiter-flexible', kind: 'rateLimit' },
  { module: '@upstash/ratelimit', kind: 'rateLimit' },
  { module: '@fastify/rate-limit', kind: 'rateLimit', keyedBy: 'ip' },
  { module: '@nestjs/throttler', kind: 'rateLimit', keyedBy: 'ip', exports: ['ThrottlerGuard', 'Throttle', 'ThrottlerModule'] },
  { module: 'hono-rate-limiter', kind: 'rateLimit' },
  { module: 'koa-ratelimit', kind: 'rateLimit', keyedBy: 'ip' },
  { module: 'koa2-ratelimit', kind: 'rateLimit', keyedBy: 'ip' },
  // Validation.
  { module: 'zod', kind: 'validation' },
  { module: 'joi', kind: 'validation' },
  { module: 'yup', kind: 'validation' },
  { module: 'valibot', kind: 'validation' },
  { module: '@sinclair/typebox', kind: 'validation' },
  { module: '@sinclair/typebox/value', kind: 'validation' },
  { module: 'ajv', kind: 'validation' },
  { module: 'class-validator', kind: 'validation' },
  { module: '@nestjs/common', kind: 'validation', exports: ['ValidationPipe', 'ParseIntPipe', 'ParseUUIDPipe', 'ParseEnumPipe', 'ParseBoolPipe'] },
  { module: 'express-validator', kind: 'validation' },
  { module: 'celebrate', kind: 'validation' },
  { module: 'zod-express-middleware', kind: 'validation' },
  { module: 'zod-express', kind: 'validation' },
  { module: '@hono/zod-validator', kind: 'validation' },
  { module: '@hono/valibot-validator', kind: 'validation' },
  { module: '@hono/typebox-validator', kind: 'validation' },
  { module: 'hono/validator', kind: 'validation' },
];

/** LLM SDK modules: a call through them makes a route an `ai` route and its result an `llm` value. */
export const LLM_MODULES: readonly RegExp[] = [
  /^openai(\/.*)?$/,
  /^@anthropic-ai\/sdk(\/.*)?$/,
  /^ai$/,
  /^@ai-sdk\//,
  /^langchain(\/.*)?$/,
  /^@langchain\//,
  /^@google\/generative-ai$/,
  /^@google\/genai$/,
  /^@mistralai\/mistralai$/,
  /^cohere-ai$/,
  /^groq-sdk$/,
  /^ollama(\/.*)?$/,
  /^replicate$/,
  /^@huggingface\/inference$/,
  /^llamaindex$/,
];

/** Functions exported by `ai` (Vercel AI SDK) that call a model. */
export const AI_SDK_CALLS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject', 'embed', 'embedMany']);

/** Method paths on LLM clients that call a model (`openai.chat.completions.create`, `anthropic.messages.create`). */
export const LLM_METHODS =
  /(^|\.)(chat\.completions\.(create|stream|parse)|completions\.create|messages\.(create|stream)|responses\.(create|stream)|generateContent(Stream)?|sendMessage(Stream)?|invoke|stream|batch|chat|generate|embeddings\.create|run)$/;

/** Local names that conventionally hold an LLM client (used only when the import cannot tell). */
export const LLM_ROOT_NAMES = /^(openai|anthropic|claude|llm|groq|mistral|cohere|gemini|genai|ollama|chatModel|model|chain|agent|ai)$/i;

/** Database modules: a call through them makes a route a `data` route and reads become `dbRecord` values. */
export const DB_MODULES: readonly RegExp[] = [
  /^@prisma\/client(\/.*)?$/,
  /^drizzle-orm(\/.*)?$/,
  /^typeorm$/,
  /^sequelize(-typescript)?$/,
  /^mongoose$/,
  /^mongodb$/,
  /^knex$/,
  /^@supabase\/supabase-js$/,
  /^pg$/,
  /^postgres$/,
  /^mysql2?(\/promise)?$/,
  /^better-sqlite3$/,
  /^@planetscale\/database$/,
  /^@neondatabase\/serverless$/,
  /^@vercel\/postgres$/,
  /^kysely$/,
  /^@mikro-orm\//,
  /^firebase-admin\/firestore$/,
  /^@nestjs\/typeorm$/,
  /^@nestjs\/mongoose$/,
];

/** Local names that conventionally hold a database client or repository. */
export const DB_ROOT_NAMES = /^(prisma|db|database|knex|sql|pool|pg|supabase|mongoose|sequelize|drizzle|tx|trx|em|orm|conn|connection|client|firestore|collection|repo|.*Repository|.*Repo|.*Model)$/i;

/** Methods that read records: strong enough on their own (any receiver). */
export const DB_READ_STRONG =
  /^(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|findOne|findOneBy|findOneOrFail|findById|findByPk|findAll|findBy|findAndCountAll|findOneAndUpdate|aggregate)$/;
/** Methods that read records only on a database-ish receiver. */
export const DB_READ_WEAK = /^(query|execute|select|from|get|first|all|where|selectFrom|rpc|single|maybeSingle|find|doc|collection)$/;
/** Methods that write records (for the `data` tag). */
export const DB_WRITE = /^(create|createMany|update|updateMany|upsert|delete|deleteMany|insert|insertInto|save|remove|destroy|insertOne|insertMany|updateOne|deleteOne|set|add)$/;

/**
 * Calls whose result is verified identity, by callee path (last segments) — `await auth()`, `getServerSession(...)`,
 * `jwt.verify(...)`. `jwt.decode` is deliberately absent: it does not verify (see SESSION_CALLS).
 */
export const IDENTITY_CALLS =
  /^(auth|getServerSession|getSession|unstable_getServerSession|getAuth|currentUser|getUser|getCurrentUser|getIronSession|verifyIdToken|verifySessionCookie|jwtVerify|verifyToken|validateRequest|getKindeServerSession|withAuth)$|(^|\.)(jwt\.verify|jsonwebtoken\.verify|auth\.getUser|auth\.getSession|auth\(\)\.verifyIdToken|auth\(\)\.verifySessionCookie|auth\(\)\.getUser|jwtVerify|verifyIdToken|isAuthenticated)$/;

/** Calls that read a session/token without verifying it. */
export const SESSION_CALLS = /(^|\.)(jwt\.decode|jsonwebtoken\.decode|decodeJwt|jwtDecode|decode)$/;

/**
 * A lookup table without Object.prototype: code names like `valueOf` or `toString` must miss, not return the
 * inherited function (a function in the facts breaks the worker-thread transfer and the cache).
 */
function table(entries: Record<string, number>): Record<string, number> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, number>, entries));
}

/** Exception classes and helpers → the HTTP status they end the request with. */
export const EXCEPTION_STATUS: Record<string, number> = table({
  UnauthorizedException: 401,
  UnauthorizedError: 401,
  AuthenticationError: 401,
  NotAuthenticatedError: 401,
  ForbiddenException: 403,
  ForbiddenError: 403,
  AuthorizationError: 403,
  NotFoundException: 404,
  NotFoundError: 404,
  BadRequestException: 400,
  BadRequestError: 400,
  ValidationError: 400,
  ConflictException: 409,
  TooManyRequestsException: 429,
  ThrottlerException: 429,
  RateLimitError: 429,
  InternalServerErrorException: 500,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  badRequest: 400,
  tooManyRequests: 429,
  internalServerError: 500,
});

/** `HttpStatus.FORBIDDEN`, `StatusCodes.UNAUTHORIZED` → number. */
export const STATUS_NAMES: Record<string, number> = table({
  OK: 200,
  CREATED: 201,
  ACCEPTED: 202,
  NO_CONTENT: 204,
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  TEMPORARY_REDIRECT: 307,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE_ENTITY: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
});

/** Header names that carry credentials (→ `authHeader`). */
export const AUTH_HEADERS = /^(authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|proxy-authorization|x-token)$/;

/** Header names and calls that mark webhook signature handling. */
export const WEBHOOK_HEADERS = /^(stripe-signature|svix-(id|timestamp|signature)|webhook-(id|timestamp|signature)|x-hub-signature(-256)?|x-signature|x-slack-signature|x-slack-request-timestamp|x-twilio-signature|x-shopify-hmac-sha256|paddle-signature|x-webhook-signature|x-zm-signature|x-razorpay-signature|linear-signature)$/;
export const WEBHOOK_CALLS = /(^|\.)(constructEvent|constructEventAsync|verifyWebhook|verifySignature|validateWebhook|unwrap)$|^Webhook\(\)\.verify$|(^|\.)wh\.verify$/;

/** Environment variable names that hold secrets (→ `secretEnv`); public-by-design names are excluded first. */
export const SECRET_ENV = /(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|PRIVATE|CREDENTIAL|DSN|SALT|SIGNING|WEBHOOK_SIGNING|DATABASE_URL|DB_URL|MONGO(DB)?_UR[IL]|REDIS_URL|CONNECTION_STRING|AUTH)/i;
/** Connection strings that embed credentials, secret even though they end in `_URL`. */
export const CREDENTIAL_URL_ENV = /^(DATABASE_URL|DIRECT_URL|POSTGRES_URL|POSTGRES_PRISMA_URL|MYSQL_URL|REDIS_URL|KV_URL|MONGO(DB)?_UR[IL]|\w*_DB_URL|\w*CONNECTION_STRING)$/;
export const PUBLIC_ENV = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_)|PUBLISHABLE|PUBLIC_KEY|_ID$|_URL$/i;

/** Identifier/property names that denote roles, claims or permissions. */
export const ROLE_NAMES = new Set(['role', 'roles', 'isadmin', 'admin', 'permissions', 'permission', 'scope', 'scopes', 'claims', 'groups', 'isstaff', 'issuperuser', 'superuser', 'is_admin', 'usertype', 'accesslevel']);

/** Project functions/limiters conventionally named like this are limiter calls (`limiter.consume(ip)`). */
export const LIMITER_CALL = /(^|\.)(consume|limit|checkLimit|checkRateLimit|rateLimit|isRateLimited|take|hit|penalty)$/;
