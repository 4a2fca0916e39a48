/**
 * The two extension points of the model: collectors (one AST pass per file → plain facts) and framework adapters
 * (collectors that also link facts across files into routes). Only `model/` implements these; everything after the
 * model sees plain data.
 */
import type { ts } from 'ts-morph';
import type { ReadinessConfig } from '../config';
import type {
  BindingFact,
  ExprRef,
  FileFacts,
  Framework,
  FunctionFacts,
  Protection,
  ProtectionScope,
  Route,
  RouteTag,
  Span,
} from './types';

/** What a collector gets for one parsed file. */
export interface ExtractContext {
  file: string;
  text: string;
  sf: ts.SourceFile;
  /** The 1-based span of a node (leading trivia excluded). */
  span(node: ts.Node): Span;
  /** The FunctionFacts id of a function-like node (every function-like node in the file has one). */
  functionId(node: ts.Node): string;
  /** Describe an expression so it can be resolved after the AST is gone. */
  ref(node: ts.Expression): ExprRef;
  /** Facts already extracted for this file by the core pass (imports, bindings, functions). */
  core: Pick<FileFacts, 'imports' | 'exports' | 'bindings' | 'functions' | 'directive'>;
}

export interface Collector<F = unknown> {
  /** Key under `FileFacts.collected`. */
  id: string;
  /**
   * Cheap text pre-filter: return false when the file cannot hold anything this collector looks for, so that files
   * nobody needs are never parsed.
   */
  mayApply(text: string, file: string): boolean;
  collect(ctx: ExtractContext): F | undefined;
}

/** A symbol resolved through imports and re-exports. */
export type Resolved =
  | { kind: 'local'; file: string; binding: BindingFact }
  | { kind: 'function'; file: string; fn: FunctionFacts }
  | { kind: 'module'; module: string; exportName: string }
  | { kind: 'unresolved'; name: string };

export interface LinkContext {
  files: Record<string, FileFacts>;
  functions: Record<string, FunctionFacts>;
  config: ReadinessConfig;
  /** This adapter's facts for each file that has them. */
  facts<F>(adapterId: string): [file: string, facts: F][];
  /** Resolve a module specifier from a file to a workspace file (relative, index files, tsconfig paths). */
  resolveModule(fromFile: string, spec: string): string | undefined;
  /** Resolve a name used in a file: a local binding, a function, an imported module export, or unresolved. */
  resolveName(file: string, name: string): Resolved;
  /** Resolve an expression reference to what it denotes (following identifiers and `obj.member` exports). */
  resolveRef(file: string, ref: ExprRef): Resolved;
  /** What protections a middleware/guard/hook expression provides (catalogue + behaviour + config names). */
  classify(file: string, ref: ExprRef, scope: ProtectionScope): Protection[];
  /** Protections found inside a handler body itself (session check with early 401, schema parse, limiter call). */
  inHandler(fn: FunctionFacts): Protection[];
}

export type LinkedRoute = Omit<Route, 'tags' | 'key'> & { tags?: RouteTag[] };

export interface FrameworkAdapter<F = unknown> extends Collector<F> {
  framework: Framework;
  /**
   * Build this framework's routes from every file's facts. Tags are added afterwards by the model; an adapter may
   * pre-set tags it knows from syntax (e.g. `public` for a NestJS `@Public()` route), which are kept.
   */
  link(ctx: LinkContext): LinkedRoute[];
}
