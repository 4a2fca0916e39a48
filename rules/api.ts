/**
 * The rule contract: the only module rules import. A rule is `meta` plus a pure `detect(ctx)` over the workspace
 * snapshot; it never touches the file system, an AST, the LSP library or `vscode`.
 */
import type { z } from 'zod';
import type { Route, Span, WorkspaceModel } from '../server/src/model/types';

export type * from '../server/src/model/types';

export type Severity = 'error' | 'warning' | 'info';

/** Scorecard row ids (see rules/checklist.ts). */
export type CheckId =
  | 'auth'
  | 'authz'
  | 'validation'
  | 'ratelimit'
  | 'secrets'
  | 'cors'
  | 'webhooks'
  | 'logging'
  | 'errors'
  | 'ai-tools'
  | 'monitoring'
  | 'handover'
  | 'email'
  | 'latency'
  | 'transport';

export interface RuleMeta {
  /** Equals the rule's file name and its id in CONTRACT.md. */
  id: string;
  check: CheckId;
  title: string;
  /** One sentence: what goes wrong in production when this fires. */
  description: string;
  defaultSeverity: Severity;
  /** Docs page, relative to the repository (`rules/docs/<id>.md`); the engine turns it into a URL. */
  docs: string;
  fixable: boolean;
  /** Rule options, validated with zod when the config is loaded. */
  options?: z.ZodType;
}

/** A text replacement in one file: offsets into the snapshot's text of that file (end exclusive). */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Files the fix creates (e.g. a guard module), with their full text. */
  createFiles?: { file: string; text: string }[];
  /** Safe for `source.fixAll.readiness` and `readiness.applyFixes` without looking at each one. */
  safe: boolean;
  /** Extra note for the user (e.g. "express-rate-limit is not a dependency yet: npm i express-rate-limit"). */
  note?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  /** `METHOD path` of the route concerned, or null. */
  route: string | null;
  /**
   * Stable part of the fingerprint: what identifies this finding when unrelated lines move (e.g. the route key, the
   * secret kind + variable name, the normalised code of the offending call). The engine hashes rule + file + key.
   */
  key: string;
  fixes: Fix[];
  /** Related locations (the mount that put the route behind a prefix, the query that reads the record…). */
  related?: { message: string; file: string; span: Span }[];
}

/** What a rule may look at. Everything is read-only. */
export interface RuleContext<Options = unknown> {
  model: WorkspaceModel;
  options: Options;
  severity: Severity;
  /** Exact source text of a file in the snapshot (what spans index into), or undefined if it is not a source file. */
  text(file: string): string | undefined;
  /** The text of a span in a file. */
  slice(file: string, span: Span): string;
  /** Helper to build a finding with this rule's id and configured severity. */
  finding(init: Omit<Finding, 'rule' | 'severity' | 'fixes'> & { severity?: Severity; fixes?: Fix[] }): Finding;
  /** Routes, each with its handler's facts resolved. */
  routes: Route[];
}

export interface Rule<Options = unknown> {
  meta: RuleMeta;
  detect(ctx: RuleContext<Options>): Finding[];
}

export function defineRule<Options = unknown>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
