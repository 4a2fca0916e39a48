/**
 * Source templates for the modules quick fixes create when a project has no guard or limiter of its own. Each
 * template renders TypeScript or JavaScript, ESM or CommonJS, to match the project, and denies by default: a guard
 * whose verification is not configured yet answers 401 rather than letting requests through.
 */
import type { Framework } from '../api';

export interface ModuleFlavor {
  ts: boolean;
  esm: boolean;
}

/** Type annotation text in TypeScript, nothing in JavaScript. */
export const typed = (f: ModuleFlavor, annotation: string): string => (f.ts ? annotation : '');

/** One import line in the flavor's module style. `names` are named imports; `def` a default import. */
export function importOf(f: ModuleFlavor, module: string, names: string[], def?: string, typeOnly = false): string {
  if (f.esm) {
    if (typeOnly && !f.ts) return '';
    const parts = [def, names.length ? `{ ${names.join(', ')} }` : undefined].filter(Boolean).join(', ');
    return `import ${typeOnly ? 'type ' : ''}${parts} from '${module}';\n`;
  }
  if (typeOnly) return '';
  if (def) return `const ${def} = require('${module}');\n`;
  return `const { ${names.join(', ')} } = require('${module}');\n`;
}

/** Collapse the blank lines that joining optional template parts leaves behind. */
export function tidy(text: string): string {
  return text
    .replace(/\*\/\n\n+(?=import |const )/, '*/\n')
    .replace(/;\n\n+(?=import |const \{? ?\w+ ?\}? = require)/g, ';\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** `export ` in ESM; CommonJS modules list their exports at the end instead (see `exportsOf`). */
export const exportKw = (f: ModuleFlavor): string => (f.esm ? 'export ' : '');
export const exportsOf = (f: ModuleFlavor, names: string[]): string => (f.esm ? '' : `\nmodule.exports = { ${names.join(', ')} };\n`);

export type JwtLibrary = 'jsonwebtoken' | 'jose' | undefined;

export function jwtLibraryOf(dependencies: Record<string, string>): JwtLibrary {
  if (dependencies['jsonwebtoken']) return 'jsonwebtoken';
  if (dependencies['jose']) return 'jose';
  return undefined;
}

/** `bearer()` and `verifyToken()`: the token check shared by every framework's guard. */
export function verifierSource(f: ModuleFlavor, jwt: JwtLibrary): { imports: string; body: string } {
  const bearer = [
    `/** The token of an \`Authorization: Bearer <token>\` header, or '' when there is none. */`,
    `function bearer(header${typed(f, ': string | null | undefined')})${typed(f, ': string')} {`,
    `  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';`,
    `}`,
  ].join('\n');
  const sig = `async function verifyToken(token${typed(f, ': string')})${typed(f, ': Promise<unknown>')}`;
  if (jwt === 'jsonwebtoken') {
    const body = `${bearer}\n\n/** The verified claims, or null (missing/invalid/expired token, or JWT_SECRET not set). */\n${sig} {\n  const secret = process.env.JWT_SECRET;\n  if (!token || !secret) return null;\n  try {\n    return jwt.verify(token, secret);\n  } catch {\n    return null;\n  }\n}`;
    return { imports: importOf(f, 'jsonwebtoken', [], 'jwt'), body };
  }
  if (jwt === 'jose') {
    const body = `${bearer}\n\n/** The verified claims, or null (missing/invalid/expired token, or JWT_SECRET not set). */\n${sig} {\n  const secret = process.env.JWT_SECRET;\n  if (!token || !secret) return null;\n  try {\n    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));\n    return payload;\n  } catch {\n    return null;\n  }\n}`;
    return { imports: importOf(f, 'jose', ['jwtVerify']), body };
  }
  const body = `${bearer}\n\n// TODO(readiness): verify the token with your identity provider (JWT signature, session lookup or API key) and\n// return its claims. Until then every request is rejected with 401: deny by default.\nasync function verifyToken(_token${typed(f, ': string')})${typed(f, ': Promise<unknown>')} {\n  return null;\n}`;
  return { imports: '', body };
}

interface GuardWrapper {
  imports: string;
  body: string;
  name: string;
}

const deny = `{ error: 'Unauthorized' }`;

/** The framework-specific guard that wraps `verifyToken`: its imports, code and exported name. */
const WRAPPERS: Record<Framework, (f: ModuleFlavor) => GuardWrapper> = {
  express: (f) => ({
    name: 'requireAuth',
    imports: importOf(f, 'express', ['NextFunction', 'Request', 'Response'], undefined, true),
    body: `/** Express middleware: 401 unless the request carries a valid bearer token; the claims go to res.locals.user. */\n${exportKw(f)}async function requireAuth(req${typed(f, ': Request')}, res${typed(f, ': Response')}, next${typed(f, ': NextFunction')}) {\n  const claims = await verifyToken(bearer(req.headers.authorization));\n  if (!claims) {\n    res.status(401).json(${deny});\n    return;\n  }\n  res.locals.user = claims;\n  next();\n}`,
  }),
  koa: (f) => ({
    name: 'requireAuth',
    imports: importOf(f, 'koa', ['Context', 'Next'], undefined, true),
    body: `/** Koa middleware: 401 unless the request carries a valid bearer token; the claims go to ctx.state.user. */\n${exportKw(f)}async function requireAuth(ctx${typed(f, ': Context')}, next${typed(f, ': Next')}) {\n  const claims = await verifyToken(bearer(ctx.get('authorization')));\n  if (!claims) {\n    ctx.status = 401;\n    ctx.body = ${deny};\n    return;\n  }\n  ctx.state.user = claims;\n  await next();\n}`,
  }),
  hono: (f) => ({
    name: 'requireAuth',
    imports: importOf(f, 'hono', ['MiddlewareHandler'], undefined, true),
    body: `/** Hono middleware: 401 unless the request carries a valid bearer token; the claims go to c.get('user'). */\n${exportKw(f)}const requireAuth${typed(f, ': MiddlewareHandler')} = async (c, next) => {\n  const claims = await verifyToken(bearer(c.req.header('authorization')));\n  if (!claims) return c.json(${deny}, 401);\n  c.set('user', claims);\n  await next();\n};`,
  }),
  fastify: (f) => ({
    name: 'requireAuth',
    imports: importOf(f, 'fastify', ['FastifyReply', 'FastifyRequest'], undefined, true),
    body: `/** Fastify onRequest hook: 401 unless the request carries a valid bearer token. */\n${exportKw(f)}async function requireAuth(request${typed(f, ': FastifyRequest')}, reply${typed(f, ': FastifyReply')}) {\n  const claims = await verifyToken(bearer(request.headers.authorization));\n  if (!claims) return reply.code(401).send(${deny});\n}`,
  }),
  nestjs: (f) => ({
    name: 'BearerAuthGuard',
    imports: importOf(f, '@nestjs/common', ['CanActivate', 'ExecutionContext', 'Injectable', 'UnauthorizedException']),
    body: `/** Nest guard: 401 unless the request carries a valid bearer token; the claims go to request.user. */\n@Injectable()\n${exportKw(f)}class BearerAuthGuard${typed(f, ' implements CanActivate')} {\n  async canActivate(context${typed(f, ': ExecutionContext')})${typed(f, ': Promise<boolean>')} {\n    const request = context.switchToHttp().getRequest${typed(f, '<{ headers: Record<string, string | undefined>; user?: unknown }>')}();\n    const claims = await verifyToken(bearer(request.headers.authorization));\n    if (!claims) throw new UnauthorizedException();\n    request.user = claims;\n    return true;\n  }\n}`,
  }),
  nextjs: (f) => ({
    name: 'requireUser',
    imports: '',
    body: `/** The verified claims of the request's bearer token, or null: route handlers answer 401 on null. */\n${exportKw(f)}async function requireUser(authorization${typed(f, ': string | null')})${typed(f, ': Promise<unknown>')} {\n  return verifyToken(bearer(authorization));\n}`,
  }),
};

export function guardWrapper(framework: Framework, f: ModuleFlavor): GuardWrapper {
  return WRAPPERS[framework](f);
}

/** The whole guard module for a project without one. */
export function authModuleSource(framework: Framework, f: ModuleFlavor, jwt: JwtLibrary): { text: string; name: string } {
  const verifier = verifierSource(f, jwt);
  const wrapper = guardWrapper(framework, f);
  const header = `/**\n * Authentication guard created by Launch Readiness: requests without a valid bearer token get 401 (deny by\n * default). ${jwt ? 'Tokens are verified with JWT_SECRET; keep that secret out of source control.' : 'Finish verifyToken() before launch.'}\n */\n`;
  const text = tidy(`${header}${wrapper.imports}${verifier.imports}\n${verifier.body}\n\n${wrapper.body}\n${exportsOf(f, [wrapper.name])}`);
  return { text, name: wrapper.name };
}
