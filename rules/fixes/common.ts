/**
 * What the "Add auth guard" and "Add rate limit" fixes share: the flavor of module to write (TS/JS, ESM/CJS), where
 * created modules live, and how to reuse an existing protection in another file (its expression as written and
 * the import that makes it available). Pure: model facts and snapshot text only.
 */
import { posix } from 'node:path';
import type { Fix, Protection, Route, RuleContext, TextEdit } from '../api';
import { ensureImport, matchLineEndings, moduleStyle, resolveSpec, type ImportSource } from '../lib/edits';
import type { ModuleFlavor } from './templates';

export type FixContext = Pick<RuleContext, 'model' | 'text' | 'slice'>;

export function flavorOf(ctx: FixContext, file: string): ModuleFlavor {
  const facts = ctx.model.files[file];
  const ts = facts ? facts.lang === 'ts' || facts.lang === 'tsx' : /\.[mc]?tsx?$/.test(file);
  return { ts, esm: moduleStyle(facts, ctx.text(file) ?? '') === 'esm' };
}

/**
 * The folder that holds the app's code: up to and including `src/` when the route lives under one, the folder
 * above Next.js `app/` or `pages/`, else the route file's own folder.
 */
export function codeRoot(route: Route): string {
  const parts = route.file.split('/');
  const src = parts.lastIndexOf('src');
  if (src !== -1) return parts.slice(0, src + 1).join('/');
  if (route.framework === 'nextjs') {
    const app = parts.findIndex((p) => p === 'app' || p === 'pages');
    if (app !== -1) return parts.slice(0, app).join('/');
  }
  return posix.dirname(route.file) === '.' ? '' : posix.dirname(route.file);
}

/**
 * A module path for a created helper (`src/middleware/require-auth.ts`), matching the route file's language. When
 * the project already has a module of that name that is not ours (no `exportName`), a `readiness-` prefixed name is
 * used instead, so a fix never overwrites or collides with the project's own file.
 */
export function helperPath(ctx: FixContext, route: Route, folder: string, stem: string, exportName: string): string {
  const ext = /\.(mjs|cjs)$/.exec(route.file)?.[1] ?? (flavorOf(ctx, route.file).ts ? 'ts' : 'js');
  const candidates = [stem, `readiness-${stem}`].map((s) => posix.join(codeRoot(route), folder, `${s}.${ext}`));
  return candidates.find((file) => !ctx.model.files[file] || existingExport(ctx, file, exportName)) ?? candidates[0];
}

/** The expression a protection was written as at its use site (`requireAuth`, `AuthGuard('jwt')`). */
export function usageOf(ctx: FixContext, p: Protection): string {
  const written = ctx.slice(p.declaredAt.file, p.declaredAt.span).trim();
  return written && written.length <= 200 ? written : p.name;
}

/** `@/x`, `~/x` and `#x` specifiers are path aliases, not packages. */
export function isAlias(spec: string): boolean {
  return /^(?:[@~]\/|#)/.test(spec);
}

export function rootIdentifier(expr: string): string | undefined {
  return /^[A-Za-z_$][\w$]*/.exec(expr)?.[0];
}

/**
 * Where the protection's root name can be imported from: its recorded `importFrom`, else the import or exported
 * binding that provides it in the file where it is used. `local` means the name is defined in `file` itself.
 */
export function guardSource(ctx: FixContext, p: Protection, expr: string, file: string): ImportSource | 'local' | undefined {
  const local = rootIdentifier(expr);
  if (!local) return undefined;
  const at = p.declaredAt.file;
  const facts = ctx.model.files[at];
  const imp = facts?.imports.find((i) => i.names.some((n) => n.local === local));
  if (imp) {
    const imported = imp.names.find((n) => n.local === local)!.imported;
    // Path aliases (`@/lib/auth`) read the same from every file: keep them as the project writes them.
    if (isAlias(imp.spec)) return { module: imp.spec, imported, local };
    const target = resolveSpec(ctx.model, at, imp.spec);
    if (target) return { file: target, imported, local };
    if (!imp.spec.startsWith('.')) return { module: imp.spec, imported, local };
    return undefined;
  }
  if (p.importFrom && (p.importFrom.file || p.importFrom.module) && (p.importFrom.exportName === local || p.importFrom.exportName === 'default')) {
    return { file: p.importFrom.file, module: p.importFrom.file ? undefined : p.importFrom.module, imported: p.importFrom.exportName, local };
  }
  const binding = facts?.bindings.find((b) => b.name === local);
  if (binding && at === file) return 'local';
  if (binding?.exported) return { file: at, imported: local, local };
  return undefined;
}

/** Import edits that make every source available in `file`, or undefined when a name clashes. */
export function importsFor(ctx: FixContext, file: string, sources: ImportSource[]): TextEdit[] | undefined {
  const text = ctx.text(file);
  if (text === undefined) return undefined;
  const edits: TextEdit[] = [];
  for (const src of sources) {
    const e = ensureImport(ctx.model, file, text, src);
    if (e === 'conflict') return undefined;
    edits.push(...e);
  }
  return mergeSameOffset(edits);
}

/** Insertions at the same offset become one edit (edits never overlap), and named imports of one module one line. */
function mergeSameOffset(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.end && o.start === o.end && e.start === e.end);
    if (same) same.newText = joinImportLines(same.newText + e.newText);
    else out.push({ ...e });
  }
  return out;
}

const NAMED_LINE = /^(import \{ |const \{ )(.+) (\} from '[^']+';|\} = require\('[^']+'\);)$/;

/** `import { A } from 'm';` + `import { B } from 'm';` → `import { A, B } from 'm';` (same for require). */
function joinImportLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const m = NAMED_LINE.exec(line);
    const i = m ? lines.findIndex((l) => { const n = NAMED_LINE.exec(l); return !!n && n[1] === m[1] && n[3] === m[3]; }) : -1;
    if (m && i !== -1) lines[i] = lines[i].replace(NAMED_LINE, (_all, a: string, names: string, b: string) => `${a}${names}, ${m[2]} ${b}`);
    else lines.push(line);
  }
  return lines.join('\n');
}

/** A created module already in the workspace (the fix ran before): reuse it instead of writing it again. */
export function existingExport(ctx: FixContext, file: string, name: string): boolean {
  const facts = ctx.model.files[file];
  if (!facts) return false;
  if (facts.exports.some((e) => e.exported === name) || facts.bindings.some((b) => b.name === name && b.exported)) return true;
  // A file the pre-filter did not parse has no export facts: look for the declaration in its text.
  const text = facts.parsed ? undefined : ctx.text(file);
  return !!text && new RegExp(`export\\s+(?:async\\s+)?(?:const|function|class)\\s+${name}\\b|module\\.exports\\s*=\\s*\\{[^}]*\\b${name}\\b`).test(text);
}

/** The fix with every edit in its file's line endings. */
export function finish(ctx: FixContext, fix: Fix): Fix {
  return { ...fix, edits: matchLineEndings(fix.edits, ctx.text) };
}
