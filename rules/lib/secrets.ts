/**
 * Shared helpers of the secrets family: which files run in the browser, which secrets are worth reporting where,
 * and the `.env.example` / `.gitignore` edits that fixes add. Pure functions over the model and snapshot texts.
 */
import { posix } from 'node:path';
import type { FileFacts, RuleContext, SecretFact, Span, TextEdit, WorkspaceModel } from '../api';
import { isEnvExampleFile } from '../../server/src/model/secrets/names';

export {
  clientEnvPrefix,
  ENV_NAME_BY_KIND,
  isDocPath,
  isEnvExampleFile,
  isFormatKind,
  isSecretName,
  isTestPath,
  toEnvName,
} from '../../server/src/model/secrets/names';
export { previewForMessage } from '../../server/src/model/secrets/redact';

const RANK = { low: 0, medium: 1, high: 2 } as const;

export function atLeast(fact: SecretFact, min: SecretFact['confidence']): boolean {
  return RANK[fact.confidence] >= RANK[min];
}

/** Kinds that are commonly public by design in browser code (Maps/Firebase browser keys). */
const BROWSER_OK_KINDS = new Set(['google-api-key']);

export function isBrowserKey(fact: SecretFact): boolean {
  return BROWSER_OK_KINDS.has(fact.kind);
}

/** Literal secrets that count as exposed when they sit in client code or a bundle. */
export function isExposableLiteral(fact: SecretFact): boolean {
  return !BROWSER_OK_KINDS.has(fact.kind) && (fact.confidence === 'high' || (fact.confidence === 'medium' && fact.kind !== 'entropy'));
}

const FRONTEND_DEPS = ['vite', 'react-scripts', '@angular/core', 'vue', 'svelte', 'react-dom', 'parcel', 'webpack'];

/**
 * Whether a built file ships to browsers: Next.js static chunks and exports, CRA's `build/static`, Vite's
 * `dist/assets`, client halves of SSR builds, and any other `dist/`/`build/` output of a frontend project. A Node
 * server's compiled `dist/` and `.next/server` run on the server only.
 */
export function isBrowserBundle(file: string, dependencies: Record<string, string>): boolean {
  if (/(^|\/)(\.next\/server|dist\/server|build\/server)\//.test(file)) return false;
  if (/(^|\/)(\.next\/static|out|build\/static|dist\/assets|dist\/client|build\/client)\//.test(file)) return true;
  return /(^|\/)(dist|build)\//.test(file) && FRONTEND_DEPS.some((d) => dependencies[d]);
}

/** Server-only data functions of the Next.js pages router: their code never reaches the browser. */
const SERVER_DATA_FUNCTIONS = /^(getServerSideProps|getStaticProps|getStaticPaths|getInitialProps)$/;

/**
 * Whether the workspace uses the Next.js App Router, where components are server components unless marked
 * `'use client'`: folder names then say nothing about where code runs.
 */
export function usesAppRouter(model: WorkspaceModel): boolean {
  return Object.keys(model.files).some((f) => /(^|\/)app\/(.*\/)?(page|layout)\.[jt]sx?$/.test(f));
}

/**
 * Whether a source file is shipped to browsers: `'use client'` files, Next.js pages (not `pages/api`), code reading
 * `import.meta.env` outside server folders, and component/hook folders that are not marked server-only (except in
 * App Router projects, where only the directive counts).
 */
export function isClientFile(facts: FileFacts, appRouter = false): boolean {
  const file = facts.file;
  if (facts.directive === 'use client') return true;
  if (facts.directive === 'use server' || facts.imports.some((i) => i.spec === 'server-only')) return false;
  if (/(^|\/)(server|api|backend|functions|lambda|workers?|scripts?|prisma|db|migrations?)\//.test(file)) return false;
  if (/(^|\/)pages\//.test(file) && !/(^|\/)pages\/api\//.test(file)) return true;
  if (facts.env.some((e) => e.via === 'import.meta.env')) return true;
  return !appRouter && /(^|\/)(components|hooks|client|frontend)\//.test(file) && /\.(tsx|jsx)$/.test(file);
}

/** Whether an offset of a client file lies in a pages-router server data function (stripped from the bundle). */
export function inServerDataFunction(facts: FileFacts, offset: number): boolean {
  return facts.functions.some(
    (fn) => fn.name !== undefined && SERVER_DATA_FUNCTIONS.test(fn.name) && fn.span.start <= offset && offset <= fn.span.end,
  );
}

/** The start-of-file span repo-level findings point at. */
export const FILE_START: Span = { start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The span of the first line of `text` that defines or mentions `name` (env files, docs), else the file start. */
export function nameSpan(text: string | undefined, name: string): Span {
  if (!text) return FILE_START;
  const m = new RegExp(`^[ \\t]*(?:export[ \\t]+)?(${name.replace(/[^\w]/g, '\\$&')})[ \\t]*=`, 'm').exec(text);
  if (!m) return FILE_START;
  const start = m.index + m[0].indexOf(m[1]);
  const line = text.slice(0, start).split('\n').length;
  const column = start - (text.lastIndexOf('\n', start - 1) + 1) + 1;
  return { start, end: start + name.length, line, column, endLine: line, endColumn: column + name.length };
}

/** The env template closest to a file (same folder or an ancestor), else undefined. */
export function envExampleFor(model: WorkspaceModel, fromFile: string): string | undefined {
  const examples = Object.keys(model.textFiles).filter((f) => model.textFiles[f].kind === 'env' && isEnvExampleFile(f));
  let dir = posix.dirname(fromFile);
  for (;;) {
    const here = examples.filter((f) => posix.dirname(f) === dir).sort((a, b) => rankExample(a) - rankExample(b));
    if (here.length) return here[0];
    if (dir === '.' || dir === '') return undefined;
    dir = posix.dirname(dir);
  }
}

function rankExample(file: string): number {
  return file.endsWith('.env.example') ? 0 : 1;
}

/** Edits that add `NAME=` to the env template next to `fromFile` (creating `.env.example` when there is none). */
export function addToEnvExample(
  ctx: RuleContext<unknown>,
  fromFile: string,
  name: string,
): { edits: TextEdit[]; createFiles?: { file: string; text: string }[]; target: string } {
  const example = envExampleFor(ctx.model, fromFile);
  if (!example) return { edits: [], createFiles: [{ file: '.env.example', text: `${name}=\n` }], target: '.env.example' };
  if (ctx.model.textFiles[example].names?.includes(name)) return { edits: [], target: example };
  const text = ctx.text(example) ?? '';
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  return { edits: [{ file: example, start: text.length, end: text.length, newText: `${lead}${name}=\n` }], target: example };
}
