/**
 * Pure text-edit helpers for quick fixes: module specifiers between workspace files, the file's module style (ESM
 * or CommonJS), and import edits that are added only when the file does not already import the name. Everything
 * works on the model's import facts and the snapshot text; nothing here parses code.
 */
import { posix } from 'node:path';
import type { FileFacts, ImportFact, TextEdit, WorkspaceModel } from '../api';

const SOURCE_EXT = /\.(?:[mc]?[jt]sx?)$/;

/** Where an imported name comes from: a workspace file or a package/alias module. */
export interface ImportSource {
  file?: string;
  module?: string;
  /** The exported name (`default` for default exports). */
  imported: string;
  /** The local name the fix's code uses. */
  local: string;
}

/** Resolve a specifier written in `fromFile` to a workspace file (relative paths and `@/`, `~/` aliases). */
export function resolveSpec(model: WorkspaceModel, fromFile: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('.')) base = posix.normalize(posix.join(posix.dirname(fromFile), spec));
  else if (/^[@~]\//.test(spec)) base = spec.slice(2);
  else return undefined;
  const stem = base.replace(/\.(?:[mc]?js|jsx)$/, '');
  const roots = spec.startsWith('.') ? [''] : ['', 'src/'];
  for (const root of roots) {
    for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, `${stem}.jsx`, `${stem}/index.ts`, `${stem}/index.js`]) {
      if (model.files[root + candidate]) return root + candidate;
    }
  }
  return undefined;
}

/** ESM unless the file already uses `require` and no `import` (or exports through `module.exports`). */
export function moduleStyle(facts: FileFacts | undefined, text: string): 'esm' | 'cjs' {
  if (!facts) return /\brequire\(|module\.exports/.test(text) ? 'cjs' : 'esm';
  if (facts.imports.some((i) => i.kind === 'import')) return 'esm';
  if (facts.imports.some((i) => i.kind === 'require') || /\bmodule\.exports\b/.test(text)) return 'cjs';
  return facts.lang === 'js' || facts.lang === 'jsx' ? (/\bexport\s/.test(text) ? 'esm' : 'cjs') : 'esm';
}

/** A specifier from one workspace file to another, matching the file's habit of writing `.js` in relative imports. */
export function relativeSpec(facts: FileFacts | undefined, fromFile: string, toFile: string): string {
  let rel = posix.relative(posix.dirname(fromFile), toFile).replace(SOURCE_EXT, '');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const writesJs = facts?.imports.some((i) => i.spec.startsWith('.') && /\.js$/.test(i.spec));
  return writesJs ? `${rel}.js` : rel;
}

const ALIAS_ROOTS = new WeakMap<object, string | null>();

/** The folder the project's `@/` alias points at (`src/` or the root), learnt from an import that resolves. */
export function aliasRoot(model: WorkspaceModel): string | undefined {
  if (!ALIAS_ROOTS.has(model)) {
    let root: string | null = null;
    for (const [file, facts] of Object.entries(model.files)) {
      const imp = facts.imports.find((i) => i.spec.startsWith('@/') && resolveSpec(model, file, i.spec));
      if (!imp) continue;
      const target = resolveSpec(model, file, imp.spec)!;
      root = target.startsWith('src/') && !model.files[target.slice(4)] ? 'src/' : '';
      break;
    }
    ALIAS_ROOTS.set(model, root);
  }
  return ALIAS_ROOTS.get(model) ?? undefined;
}

/**
 * How `fromFile` should name `toFile`: through the `@/` alias when the file already imports through it and the
 * target lies under the alias root, else a relative path.
 */
export function specFor(model: WorkspaceModel, fromFile: string, toFile: string): string {
  const facts = model.files[fromFile];
  const root = facts?.imports.some((i) => i.spec.startsWith('@/')) ? aliasRoot(model) : undefined;
  if (root !== undefined && toFile.startsWith(root)) return `@/${toFile.slice(root.length).replace(SOURCE_EXT, '')}`;
  return relativeSpec(facts, fromFile, toFile);
}

/** Top-level imports (dynamic imports and nested requires cannot anchor a new import). */
function topImports(facts: FileFacts | undefined): ImportFact[] {
  return (facts?.imports ?? []).filter((i) => i.kind === 'import' || (i.kind === 'require' && i.names.length > 0));
}

/** Offset where a new import line goes: after the last top-level import, else after a shebang and directives. */
export function importInsertOffset(facts: FileFacts | undefined, text: string): number {
  const imports = topImports(facts);
  if (imports.length) {
    const last = Math.max(...imports.map((i) => i.span.end));
    const nl = text.indexOf('\n', last);
    return nl === -1 ? text.length : nl + 1;
  }
  let offset = 0;
  const prologue = /^(?:#![^\n]*\n|\s*(['"])use [a-z ]+\1;?[^\S\n]*\n)/;
  for (let m = prologue.exec(text); m; m = prologue.exec(text.slice(offset))) offset += m[0].length;
  return offset;
}

/** Whether `local` is already a name in the file (an import or a top-level binding). */
export function isBound(facts: FileFacts | undefined, local: string): boolean {
  if (!facts) return false;
  return facts.imports.some((i) => i.names.some((n) => n.local === local)) || facts.bindings.some((b) => b.name === local);
}

function sameSource(model: WorkspaceModel, file: string, imp: ImportFact, src: ImportSource): boolean {
  if (src.module) return imp.spec === src.module;
  return !!src.file && resolveSpec(model, file, imp.spec) === src.file;
}

function importLine(style: 'esm' | 'cjs', src: ImportSource, spec: string): string {
  const named = src.imported === src.local ? src.local : `${src.imported} as ${src.local}`;
  if (style === 'cjs') {
    if (src.imported === 'default' || src.imported === '*') return `const ${src.local} = require('${spec}');\n`;
    return `const { ${src.imported === src.local ? src.local : `${src.imported}: ${src.local}`} } = require('${spec}');\n`;
  }
  if (src.imported === 'default') return `import ${src.local} from '${spec}';\n`;
  if (src.imported === '*') return `import * as ${src.local} from '${spec}';\n`;
  return `import { ${named} } from '${spec}';\n`;
}

/**
 * The edit that makes `src.local` available in `file`: none when the file already imports it from that source (or
 * defines it), a name added to an existing `import { … } from` of the same module, or a new import line. Returns
 * `conflict` when the name is already taken by something else, so the caller offers no unsafe fix.
 */
export function ensureImport(model: WorkspaceModel, file: string, text: string, src: ImportSource): TextEdit[] | 'conflict' {
  const facts = model.files[file];
  if (src.file === file) return [];
  const existing = facts?.imports.find((i) => i.names.some((n) => n.local === src.local));
  // A type-only import does not bring the value in: adding a second import of the same name would clash.
  if (existing) return sameSource(model, file, existing, src) && !existing.typeOnly ? [] : 'conflict';
  if (facts?.bindings.some((b) => b.name === src.local)) return 'conflict';
  const style = moduleStyle(facts, text);
  const spec = src.module ?? specFor(model, file, src.file!);
  const sibling = style === 'esm' && src.imported !== 'default' && src.imported !== '*' ? namedImportOf(model, file, text, src) : undefined;
  if (sibling) return [sibling];
  const at = importInsertOffset(facts, text);
  const lineBreak = at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return [{ file, start: at, end: at, newText: lineBreak + importLine(style, src, spec) }];
}

/** Add a name to an existing `import { a, b } from 'm'` of the same module, when there is one. */
function namedImportOf(model: WorkspaceModel, file: string, text: string, src: ImportSource): TextEdit | undefined {
  const imp = model.files[file]?.imports.find((i) => i.kind === 'import' && !i.typeOnly && sameSource(model, file, i, src));
  if (!imp) return undefined;
  const stmt = text.slice(imp.span.start, imp.span.end);
  const close = stmt.indexOf('}');
  if (close === -1 || stmt.indexOf('{') === -1 || stmt.indexOf('{') > close) return undefined;
  const before = stmt.slice(0, close).trimEnd();
  const name = src.imported === src.local ? src.local : `${src.imported} as ${src.local}`;
  const at = imp.span.start + before.length;
  const newText = before.endsWith(',') || before.endsWith('{') ? ` ${name}` : `, ${name}`;
  return { file, start: at, end: at, newText };
}

/** The indentation of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The indentation unit the file uses (two spaces by default). */
export function indentUnit(text: string): string {
  const m = /\n(\t+|[ ]{2,8})\S/.exec(text);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && !/\n {2}\S/.test(text) ? '    ' : '  ';
}

/**
 * Apply non-overlapping edits to one file's text (used by tests and by callers that preview a fix). Insertions at
 * the same offset end up in list order, as in LSP `TextEdit[]` semantics.
 */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'start' | 'end' | 'newText'>[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Edits and created files in the line endings of the file they go into (CRLF files stay CRLF). */
export function matchLineEndings<E extends { file: string; newText: string }>(edits: E[], text: (file: string) => string | undefined): E[] {
  return edits.map((e) => (text(e.file)?.includes('\r\n') ? { ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') } : e));
}
