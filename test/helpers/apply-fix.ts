/**
 * Apply a quick fix to a file map the way an editor would (text edits per file plus created files), and check the
 * result: every touched file must parse without diagnostics, and TypeScript files must type-check in an in-memory
 * ts-morph project. Packages are not installed in fixtures, so "cannot find module" errors are ignored: what is
 * checked is that names exist, imports are not duplicated and decorators/calls are well-formed.
 */
import { Project, ts } from 'ts-morph';
import type { Fix } from '../../rules/api';
import { applyEdits } from '../../rules/lib/edits';

export function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  const byFile = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    if (out[file] === undefined) throw new Error(`fix edits a file that does not exist: ${file}`);
    out[file] = applyEdits(out[file], edits);
  }
  for (const created of fix.createFiles ?? []) {
    if (out[created.file] !== undefined) throw new Error(`fix creates a file that exists: ${created.file}`);
    out[created.file] = created.text;
  }
  return out;
}

/** Files the fix touched or created. */
export function touched(fix: Fix): string[] {
  return [...new Set([...fix.edits.map((e) => e.file), ...(fix.createFiles ?? []).map((f) => f.file)])];
}

const kindOf = (file: string) => (/\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.[mc]?ts$/.test(file) ? ts.ScriptKind.TS : /\.jsx$/.test(file) ? ts.ScriptKind.JSX : ts.ScriptKind.JS);

/** Syntax errors of one file, as `file:line: message`. */
export function parseProblems(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kindOf(file));
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diags.map((d) => `${file}:${sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Module-resolution errors are expected (no node_modules in fixtures); everything else is a real problem. */
const IGNORED = new Set([2307, 2792, 7016, 2875]);

/** Type errors of the given TypeScript files, checked together with every other file of the map. */
export function typeProblems(files: Record<string, string>, only: string[]): string[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true, noImplicitAny: false, esModuleInterop: true, experimentalDecorators: true, skipLibCheck: true,
      allowJs: true, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    },
  });
  // Fixtures have no node_modules: declare the one Node global the created modules use.
  project.createSourceFile('/__node-env.d.ts', 'declare const process: { env: Record<string, string | undefined> };\n');
  for (const [file, text] of Object.entries(files)) if (/\.[mc]?[jt]sx?$/.test(file)) project.createSourceFile(`/${file}`, text);
  const out: string[] = [];
  for (const file of only.filter((f) => /\.[mc]?tsx?$/.test(f))) {
    const sf = project.getSourceFileOrThrow(`/${file}`);
    for (const d of sf.getPreEmitDiagnostics()) {
      if (IGNORED.has(d.getCode())) continue;
      const msg = ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, '\n');
      out.push(`${file}:${d.getLineNumber() ?? 0}: TS${d.getCode()} ${msg}`);
    }
  }
  return out;
}

/** Apply a fix and return the new files plus every parse and type problem in the files it touched. */
export function checkFix(files: Record<string, string>, fix: Fix): { files: Record<string, string>; problems: string[] } {
  const after = applyFix(files, fix);
  const changed = touched(fix);
  const problems = [...changed.flatMap((f) => parseProblems(f, after[f])), ...typeProblems(after, changed)];
  return { files: after, problems };
}
