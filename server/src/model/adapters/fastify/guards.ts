/**
 * What a Fastify hook expression protects against. The shared classifier (catalogue, behaviour, config helpers) is
 * asked first; Fastify-specific idioms it cannot know are recognised here: `fastify.authenticate`-style decorators
 * whose body calls `request.jwtVerify()` (@fastify/jwt), `fastify.rateLimit()` (@fastify/rate-limit),
 * `fastify.basicAuth` and `fastify.auth([...])` (@fastify/auth).
 */
import type { LinkContext } from '../../adapter';
import type { ExprRef, Protection, ProtectionScope } from '../../types';

export interface GuardEnv {
  ctx: LinkContext;
  /** Decorator name → where its value is written (`app.decorate('authenticate', fn)`). */
  decorators: Map<string, { file: string; ref: ExprRef }>;
  /** Functions that call `jwtVerify()` somewhere in their body. */
  jwtVerifiers: Set<string>;
}

export function classifyHook(env: GuardEnv, file: string, ref: ExprRef, scope: ProtectionScope): Protection[] {
  if (ref.kind === 'array') return ref.items.flatMap((item) => classifyHook(env, file, item, scope));
  const shared = env.ctx.classify(file, ref, scope);
  if (shared.length) return shared;
  const declaredAt = { file, span: ref.span };
  const make = (kind: Protection['kind'], library: string): Protection[] => [{ kind, name: ref.text, via: 'library', library, scope, declaredAt }];
  const last = ref.kind === 'member' ? ref.path[ref.path.length - 1] : ref.kind === 'call' && ref.callee.kind === 'member' ? ref.callee.path[ref.callee.path.length - 1] : undefined;
  if (ref.kind === 'call' && last === 'rateLimit') return make('rateLimit', '@fastify/rate-limit');
  if (ref.kind === 'member' && last === 'basicAuth') return make('auth', '@fastify/basic-auth');
  if (ref.kind === 'call' && last === 'auth') {
    // `fastify.auth([fastify.verifyJWT, fastify.verifyApiKey])`: the route is authenticated when its strategies are.
    const inner = ref.args.flatMap((a) => classifyHook(env, file, a, scope)).filter((p) => p.kind === 'auth');
    return inner.length ? [{ ...inner[0], name: ref.text, library: '@fastify/auth', declaredAt }] : [];
  }
  const module = moduleOf(env, file, ref);
  if (module && /^@fastify\/(passport|basic-auth|bearer-auth|auth)$/.test(module)) return make('auth', module);
  const fnId = functionIdOf(env, file, ref);
  if (fnId && isJwtVerifier(env, fnId)) return make('auth', '@fastify/jwt');
  return last ? viaDecorator(env, file, ref, last, scope) : [];
}

/**
 * `fastify.authenticate`, or a decorator factory `fastify.authorize(['admin'])`: what the decorated function does
 * (a factory counts as `@fastify/jwt` auth when the function it returns calls `jwtVerify()`).
 */
function viaDecorator(env: GuardEnv, file: string, ref: ExprRef, last: string, scope: ProtectionScope): Protection[] {
  const dec = env.decorators.get(last);
  if (!dec || (dec.ref.kind === 'member' && dec.ref.text === ref.text)) return [];
  const declaredAt = { file, span: ref.span };
  const fnId = functionIdOf(env, dec.file, dec.ref);
  if (ref.kind === 'call' && fnId && isJwtVerifier(env, fnId)) return [{ kind: 'auth', name: ref.text, via: 'library', library: '@fastify/jwt', scope, declaredAt }];
  return env.ctx.classify(dec.file, dec.ref, scope).map((p) => ({ ...p, name: ref.text, declaredAt: { ...declaredAt } }));
}

function isJwtVerifier(env: GuardEnv, fnId: string): boolean {
  if (env.jwtVerifiers.has(fnId)) return true;
  const fn = env.ctx.functions[fnId];
  return !!fn && fn.calls.some((c) => /(^|\.)jwtVerify$/.test(c.callee));
}

/** The function a hook expression runs, following identifiers, imports and `fastify.<decorator>` members. */
export function functionIdOf(env: GuardEnv, file: string, ref: ExprRef): string | undefined {
  if (ref.kind === 'function') return ref.functionId;
  if (ref.kind === 'member') {
    const dec = env.decorators.get(ref.path[ref.path.length - 1]);
    if (dec && dec.ref.kind !== 'member') return functionIdOf(env, dec.file, dec.ref);
  }
  if (ref.kind === 'ident' || ref.kind === 'member') {
    const r = env.ctx.resolveRef(file, ref);
    if (r.kind === 'function') return r.fn.id;
  }
  return undefined;
}

/** The package a hook comes from (`fastifyPassport.authenticate('jwt')` → `@fastify/passport`), when imported. */
function moduleOf(env: GuardEnv, file: string, ref: ExprRef): string | undefined {
  const target = ref.kind === 'call' ? ref.callee : ref;
  if (target.kind !== 'ident' && target.kind !== 'member') return undefined;
  const r = env.ctx.resolveRef(file, target);
  return r.kind === 'module' ? r.module : undefined;
}
