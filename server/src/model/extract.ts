/**
 * One file's text → FileFacts. Parses with TypeScript 6.0's parser (through ts-morph's `ts`), runs the core pass
 * (imports, exports, bindings, env reads, functions) and every collector whose pre-filter accepts the text, then
 * lets the AST go. Files no collector wants are never parsed: they only get the text scanners (secrets,
 * suppressions), which cost a fraction of a parse.
 */
import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import type { Collector, ExtractContext } from './adapter';
import { collectCore } from './core-facts';
import { extractFunctions } from './function-facts';
import { makeRef } from './refs';
import { LineMap } from './span';
import { scanSecrets } from './secrets/scan';
import { scanSuppressions } from './suppressions';
import type { FileFacts } from './types';

/** Bump when the shape or meaning of extracted facts changes: it invalidates every on-disk cache entry. */
export const FACTS_VERSION = 6;

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function langOf(file: string): FileFacts['lang'] {
  if (/\.(tsx)$/.test(file)) return 'tsx';
  if (/\.(jsx)$/.test(file)) return 'jsx';
  if (/\.(ts|mts|cts)$/.test(file)) return 'ts';
  return 'js';
}

function scriptKind(lang: FileFacts['lang']): ts.ScriptKind {
  return { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX }[lang];
}

/**
 * Signals that a file may hold something rules need an AST for even when no collector claims it: request
 * handling, environment reads, database and LLM clients, logging of request data, monitoring set-up, CORS and
 * webhook code. Everything else (UI components, pure utilities) only gets the text scanners, unless a parsed file
 * imports it (see WorkspaceIndex: the import closure of parsed files is parsed too, two levels deep).
 */
const NEEDS_AST = new RegExp(
  [
    String.raw`\b(req|res|ctx|request|reply|c\.req)\.`,
    String.raw`process\.env|import\.meta\.env|Deno\.env`,
    String.raw`\b(express|fastify|koa|hono|next-auth|firebase-admin)\b|next\/server|@nestjs|@auth\/|@clerk|@supabase`,
    String.raw`\b(prisma|knex|sequelize|mongoose|drizzle|typeorm|supabase|createPool|pg|mysql2?|sql\x60)\b`,
    String.raw`\b(openai|anthropic|langchain|generativelanguage|streamText|generateText|tool\(|registerTool|McpServer)|@ai-sdk|@langchain`,
    String.raw`\b(Sentry|opentelemetry|dd-trace|newrelic|bugsnag|rollbar|honeybadger|pino|winston|bunyan|morgan)\b`,
    String.raw`\b(cors|Access-Control-Allow|webhook|createHmac|timingSafeEqual|jsonwebtoken|jose|passport|rateLimit|RateLimit|ratelimit)`,
  ].join('|'),
);

export class ParseError extends Error {}

/** Whether extracting this file will parse it (a collector wants it or it looks like server code). Cheap: text only. */
export function needsParse(file: string, text: string, collectors: readonly Collector[]): boolean {
  return NEEDS_AST.test(text) || collectors.some((c) => c.mayApply(text, file));
}

/**
 * Extract facts from one file. Throws ParseError when the file cannot be parsed into anything useful (the caller
 * records it in `stats.skipped`).
 */
export function extractFile(file: string, text: string, collectors: readonly Collector[], force = false): FileFacts {
  const lang = langOf(file);
  const lines = new LineMap(text);
  const base: FileFacts = {
    file,
    hash: hashText(text),
    lang,
    lines: lines.lineCount,
    parsed: false,
    imports: [],
    exports: [],
    bindings: [],
    functions: [],
    env: [],
    secrets: scanSecrets(text, lines),
    suppressions: scanSuppressions(text, lines),
    collected: {},
  };
  const wanted = collectors.filter((c) => c.mayApply(text, file));
  if (!force && !wanted.length && !NEEDS_AST.test(text)) return base;

  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(lang));
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length && isHopeless(sf, diagnostics)) {
    const first = diagnostics[0];
    const pos = lines.position(first.start ?? 0);
    throw new ParseError(
      `syntax error at ${pos.line}:${pos.column}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`,
    );
  }

  const span = (node: ts.Node) => lines.span(node.getStart(sf), node.getEnd());
  const functionId = (node: ts.Node) => `${file}#${node.getStart(sf)}`;
  const ctxBase = { file, text, sf, span, functionId };
  const ref = (node: ts.Expression) => makeRef(node, ctxBase);
  const functions = extractFunctions({ ...ctxBase, ref });
  const core = collectCore({ ...ctxBase, ref }, functions);
  const ctx: ExtractContext = { ...ctxBase, ref, core: { ...core, functions } };
  const collected: Record<string, unknown> = {};
  for (const collector of wanted) {
    const facts = collector.collect(ctx);
    if (facts !== undefined) collected[collector.id] = facts;
  }
  return { ...base, ...core, functions, parsed: true, collected };
}

/**
 * TypeScript recovers from syntax errors, but facts from a broken tree (a half-typed route, a merge conflict) would
 * produce findings nobody can trust. Any syntax error skips the file, with the first error as the reason; the
 * language server keeps the last good facts of an open buffer while the user is typing.
 */
function isHopeless(_sf: ts.SourceFile, diagnostics: readonly ts.Diagnostic[]): boolean {
  return diagnostics.length > 0;
}
