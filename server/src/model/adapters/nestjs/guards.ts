/**
 * What a NestJS guard or pipe expression provides. The shared classifier (catalogue, behaviour, config names) goes
 * first; Nest's own building blocks fill in what it does not report: `AuthGuard()` from @nestjs/passport,
 * `ThrottlerGuard`, `ValidationPipe`, guard classes that extend them, and guards whose `canActivate` reads role or
 * public metadata through the Reflector.
 */
import type { LinkContext, Resolved } from '../../adapter';
import type { ExprRef, Location, Protection, ProtectionKind, ProtectionScope } from '../../types';
import { overriddenKey } from '../../tracker-key';
import type { MetaKey, NestFacts, NestGuardClass, NestMetaDecorator } from './facts';

export const PUBLIC_KEY = /public|anonymous|skip-?auth|no-?auth/i;
export const ROLES_KEY = /roles?\b|roles?[-_]?key|permissions?/i;

/** Nest building blocks from packages, by module and export name. */
const NEST_LIBRARIES: { module: RegExp; name: RegExp; kind: ProtectionKind; keyedBy?: Protection['keyedBy'] }[] = [
  { module: /^@nestjs\/passport$/, name: /^AuthGuard$/, kind: 'auth' },
  { module: /^@nestjs\/throttler$/, name: /^ThrottlerGuard$/, kind: 'rateLimit', keyedBy: 'ip' },
  { module: /^@nestjs\/common$/, name: /^ValidationPipe$/, kind: 'validation' },
  { module: /^nestjs-zod$|^@anatine\/zod-nestjs$/, name: /^(ZodValidationPipe|createZodValidationPipe)$/, kind: 'validation' },
];

export interface GuardInfo {
  protections: Protection[];
  /** Reads role metadata (or is named like a roles guard): gives a role check when the route declares roles. */
  role: boolean;
  /** Honours `@Public()`: true when it reads a public key, false when it is a workspace class that does not. */
  publicAware?: boolean;
  throttler: boolean;
}

/** The class or factory named by `new X()`, `X()`, `new (AuthGuard('jwt'))()`, or the ref itself. */
function calleeOf(ref: ExprRef): ExprRef {
  let r = ref;
  while (r.kind === 'new' || r.kind === 'call') r = r.callee;
  return r;
}

/** Display name of a guard or pipe as written: `RolesGuard`, `AuthGuard('jwt')`, `ValidationPipe` for `new ValidationPipe({...})`. */
export function refLabel(ref: ExprRef): string {
  if (ref.kind === 'new') return refLabel(ref.callee);
  if (ref.kind === 'call' && ref.text.length > 40) return refLabel(ref.callee);
  if (ref.kind === 'ident') return ref.name;
  if (ref.kind === 'member') return [ref.object, ...ref.path].join('.');
  return ref.text;
}

/** Resolve a metadata key to its string value (`IS_PUBLIC_KEY` → 'isPublic'), or the identifier's own name. */
export function keyText(ctx: LinkContext, file: string, key: MetaKey): string {
  if (key.literal !== undefined) return key.literal;
  const name = key.ident ?? '';
  const r = ctx.resolveName(file, name.split('.')[0]);
  if (r.kind === 'local' && r.binding.init?.kind === 'other') {
    const m = /^(['"`])(.*)\1$/.exec(r.binding.init.text);
    if (m) return m[2];
  }
  return name;
}

function nestFacts(ctx: LinkContext, file: string): NestFacts | undefined {
  return ctx.files[file]?.collected.nestjs as NestFacts | undefined;
}

/** The guard class a resolved name denotes, with its file. */
export function guardClassOf(ctx: LinkContext, r: Resolved): { file: string; cls: NestGuardClass } | undefined {
  if (r.kind !== 'local' || r.binding.kind !== 'class') return undefined;
  const cls = nestFacts(ctx, r.file)?.guardClasses.find((g) => g.name === r.binding.name);
  return cls ? { file: r.file, cls } : undefined;
}

/** The metadata decorator a decorator name denotes (`@Public()` → `export const Public = () => SetMetadata(...)`). */
export function metaDecoratorOf(ctx: LinkContext, file: string, name: string): { file: string; meta: NestMetaDecorator } | undefined {
  const r = ctx.resolveName(file, name);
  const at = r.kind === 'local' ? { file: r.file, name: r.binding.name } : r.kind === 'function' ? { file: r.file, name: r.fn.name } : undefined;
  const meta = at && nestFacts(ctx, at.file)?.metaDecorators.find((m) => m.name === at.name);
  return meta && at ? { file: at.file, meta } : undefined;
}

export function guardInfo(ctx: LinkContext, file: string, ref: ExprRef, scope: ProtectionScope, depth = 0): GuardInfo {
  const declaredAt: Location = { file, span: ref.span };
  const name = refLabel(ref);
  const rename = (p: Protection): Protection => ({ ...p, name, scope, declaredAt });
  // Every protection is named as the guard is written here, whichever source recognised it.
  const info: GuardInfo = { protections: ctx.classify(file, ref, scope).map((p) => ({ ...p, name })), role: /roles?guard/i.test(name), throttler: /throttl/i.test(name) };
  const r = ctx.resolveRef(file, calleeOf(ref));
  if (r.kind === 'module') {
    const lib = NEST_LIBRARIES.find((l) => l.module.test(r.module) && l.name.test(r.exportName));
    if (lib?.kind === 'rateLimit') info.throttler = true;
    if (lib && !info.protections.some((p) => p.kind === lib.kind)) {
      info.protections.push({ kind: lib.kind, name, via: 'library', library: r.module, scope, declaredAt, keyedBy: lib.keyedBy });
    }
    return info;
  }
  const guard = guardClassOf(ctx, r);
  if (!guard || depth > 4) return info;
  const keys = guard.cls.reads.map((k) => keyText(ctx, guard.file, k));
  info.publicAware = keys.some((k) => PUBLIC_KEY.test(k));
  info.role ||= keys.some((k) => ROLES_KEY.test(k));
  if (guard.cls.extends) {
    const parent = guardInfo(ctx, guard.file, guard.cls.extends, scope, depth + 1);
    info.throttler ||= parent.throttler;
    info.role ||= parent.role;
    info.publicAware ||= parent.publicAware;
    const custom = guard.cls.methods.includes('getTracker') ? overriddenKey(ctx.files[guard.file], guard.cls.name) ?? 'custom' : undefined;
    for (const p of parent.protections) {
      if (info.protections.some((q) => q.kind === p.kind)) continue;
      info.protections.push(rename({ ...p, keyedBy: p.kind === 'rateLimit' && custom ? custom : p.keyedBy }));
    }
  }
  if (!info.protections.length && guard.cls.canActivateId && ctx.functions[guard.cls.canActivateId]) {
    const fnRef: ExprRef = { kind: 'function', functionId: guard.cls.canActivateId, text: `${guard.cls.name}.canActivate`, span: guard.cls.span };
    info.protections.push(...ctx.classify(guard.file, fnRef, scope).map(rename));
  }
  return info;
}

export interface PipeInfo {
  protection?: Protection;
  /** class-validator's ValidationPipe: validates only DTO-class-typed parameters. */
  needsDto: boolean;
}

/** What a pipe gives: validation from the classifier, a catalogue pipe, or a pipe class named like a validator. */
export function pipeInfo(ctx: LinkContext, file: string, ref: ExprRef, scope: ProtectionScope): PipeInfo {
  const name = refLabel(ref);
  const needsDto = /^ValidationPipe$/.test(name.split('.').pop()!);
  const found = ctx.classify(file, ref, scope).find((p) => p.kind === 'validation');
  if (found) return { protection: { ...found, name }, needsDto };
  const r = ctx.resolveRef(file, calleeOf(ref));
  const declaredAt: Location = { file, span: ref.span };
  if (r.kind === 'module') {
    const lib = NEST_LIBRARIES.find((l) => l.kind === 'validation' && l.module.test(r.module) && l.name.test(r.exportName));
    return { protection: lib ? { kind: 'validation', name, via: 'library', library: r.module, scope, declaredAt } : undefined, needsDto };
  }
  // A workspace pipe class named like a validator (ZodValidationPipe, JoiValidationPipe, SchemaPipe).
  if (/(Validation|Validator|Zod|Joi|Yup|Valibot|Schema)\w*Pipe$/.test(name) && r.kind === 'local') {
    return { protection: { kind: 'validation', name, via: 'behaviour', scope, declaredAt }, needsDto: false };
  }
  return { needsDto };
}
