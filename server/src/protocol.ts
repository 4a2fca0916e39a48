/**
 * Every custom message between the Launch Readiness language server and its clients (the VS Code extension, tests,
 * other editors), plus the shapes the server puts into standard LSP messages (`Diagnostic.data`, command ids, the
 * fix-all code action kind). Shared with the client bundle: plain types and method-name constants only, importing
 * nothing (the client and server bundle different vscode-jsonrpc versions, so message-type objects would not be
 * interchangeable). Each `…Request`/`…Notification` constant names its method; the comment on it says the direction,
 * when it is sent, and its params/result types.
 *
 * Conventions: `uri` fields are `file://` URIs; ranges are LSP ranges (0-based lines, UTF-16 characters); a
 * `folder` is the URI of a workspace folder exactly as the client sent it in `initialize`/`didChangeWorkspaceFolders`.
 */

/** An LSP range (0-based line, UTF-16 character), declared here so this file imports nothing. */
export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** `Diagnostic.source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'launch-readiness';

/** Code action kind of "fix all safe problems in this file" (`editor.codeActionsOnSave` can name it). */
export const FIX_ALL_KIND = 'source.fixAll.readiness';

/**
 * `Diagnostic.data` of every finding diagnostic: what a code action request needs to rebuild the finding's fixes
 * against the server's current snapshot.
 */
export interface DiagnosticData {
  /** Rule id (also the diagnostic's `code`). */
  rule: string;
  /** The finding's stable fingerprint (as in the JSON report). */
  fingerprint: string;
  /**
   * Content version of the finding's file when the diagnostic was computed (a hash of the text the analysis saw).
   * When the file's current text differs, the server answers code actions for this diagnostic with nothing: the
   * offsets behind the fixes no longer match, and a fresh diagnostic is on its way.
   */
  version: string;
}

// ---------------------------------------------------------------------------------------------------------------
// readiness/status (server → client notification)
// ---------------------------------------------------------------------------------------------------------------

/** Per-folder summary inside a status notification. */
export interface FolderStatus {
  folder: string;
  name: string;
  /** `indexing` until the first analysis of this folder has finished; `error` when indexing or the last analysis failed. */
  state: 'indexing' | 'ready' | 'error';
  /** Source files with facts in the model. */
  files: number;
  /** Findings currently published as diagnostics (after the `readiness.diagnostics.minSeverity` filter). */
  findings: number;
  routes: number;
  /** `readiness.config.json` problem, rule crash or indexing failure, in one line; absent when all is well. */
  problem?: string;
}

/**
 * Sent whenever the server's state changes: when an input arrives (quiescent false) and when every input received so
 * far has been analysed and its diagnostics published (quiescent true). The status item shows it; tests wait on it
 * instead of sleeping.
 */
export interface StatusParams {
  /** `ok`; `warning` when a config file is invalid or a rule crashed (analysis goes on); `error` when indexing or analysis failed. */
  health: 'ok' | 'warning' | 'error';
  /** True when nothing is queued or running: the published diagnostics reflect every input counted in `inputs`. */
  quiescent: boolean;
  /**
   * Number of input notifications the server has received so far (`didOpen`, `didChange`, `didClose`,
   * `didChangeWatchedFiles`, `didChangeConfiguration`, `didChangeWorkspaceFolders`). A client that counts what it
   * sent can wait for `{ quiescent: true, inputs >= sent }` to know its last change has been analysed.
   */
  inputs: number;
  /** One line for humans ("Indexing api (1200/5000 files)", "3 findings in 2 folders"). */
  message: string;
  folders: FolderStatus[];
}

/** Server → client notification, params `StatusParams`. */
export const StatusNotification = { method: 'readiness/status' } as const;

// ---------------------------------------------------------------------------------------------------------------
// readiness/scorecard (client → server request) and readiness/scorecardChanged (server → client notification)
// ---------------------------------------------------------------------------------------------------------------

export interface FolderParams {
  /** Workspace folder URI; default the first folder. */
  folder?: string;
}

/** A finding as the scorecard lists it under its row (enough to open it in the editor). */
export interface FindingSummary {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  uri: string;
  range: Range;
  /** `METHOD path` of the route concerned, or null. */
  route: string | null;
  fingerprint: string;
}

export interface ScorecardRow {
  /** Checklist row id (`auth`, `authz`, `validation`, `ratelimit`, `secrets`, …). */
  id: string;
  title: string;
  /** One line: what breaks in production when this row fails. */
  whatBreaks: string;
  /** `unknown` when no rule or probe check feeding the row ran. */
  status: 'pass' | 'warn' | 'fail' | 'unknown';
  /** Number of findings on the row (equals `items.length`). */
  findings: number;
  source: 'static' | 'probe' | 'both';
  items: FindingSummary[];
}

/**
 * The scorecard of one folder (the JSON report's `scorecard` object, with each row's findings). The server answers
 * once every input received before the request has been analysed.
 */
export interface ScorecardResult {
  folder: string;
  verdict: 'ready' | 'not-ready';
  checks: ScorecardRow[];
  /** The model version the scorecard was computed from (increases with every change in the folder). */
  modelVersion: number;
}

/** Client → server request, params `FolderParams`, result `ScorecardResult | null` (null before the first analysis or for an unknown folder). */
export const ScorecardRequest = { method: 'readiness/scorecard' } as const;

/** Sent after an analysis changed a folder's scorecard (verdict, a row's status or count). The view then pulls. */
export interface ScorecardChangedParams {
  folder: string;
  verdict: 'ready' | 'not-ready';
  modelVersion: number;
}

/** Server → client notification, params `ScorecardChangedParams`. */
export const ScorecardChangedNotification = { method: 'readiness/scorecardChanged' } as const;

// ---------------------------------------------------------------------------------------------------------------
// readiness/routes (client → server request)
// ---------------------------------------------------------------------------------------------------------------

/** One route, as in the JSON report's `routes` array, plus its `uri` for click-through. */
export interface RouteInfo {
  method: string;
  path: string;
  /** Folder-relative path with `/` separators. */
  file: string;
  /** 1-based line of the registration. */
  line: number;
  uri: string;
  framework: string;
  tags: string[];
  /** Name of the first protection of each kind, or null. */
  protections: { auth: string | null; rateLimit: string | null; validation: string | null; roles: string | null };
}

/** Client → server request, params `FolderParams`, result `RouteInfo[]`. */
export const RoutesRequest = { method: 'readiness/routes' } as const;

// ---------------------------------------------------------------------------------------------------------------
// readiness/probe (client → server request; reports $/progress when the client passes a workDoneToken; cancellable)
// ---------------------------------------------------------------------------------------------------------------

/** Runs only when the user asked for it and confirmed the target; never in an untrusted workspace. */
export interface ProbeParams extends FolderParams {
  /** The staging URL to probe (only its origin is contacted). */
  url: string;
  allowBurst?: boolean;
  allowPost?: boolean;
  /** Request budget (default 300). */
  budget?: number;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Extra request headers, `Name: value`. */
  headers?: string[];
  /** Sending domain for SPF/DKIM/DMARC/MX/CAA checks. */
  domain?: string;
  /** Optional workDoneToken for `$/progress` (standard LSP work-done progress). */
  workDoneToken?: string | number;
}

/** The probe report (`probe --format json`, reportVersion 1). */
export interface ProbeReport {
  reportVersion: number;
  target: string;
  startedAt: string;
  requests: number;
  checks: { id: string; status: 'pass' | 'warn' | 'fail' | 'skip' | 'error'; summary: string; evidence?: unknown }[];
  latency: { route: string; ai: boolean; n: number; p50Ms: number; p95Ms: number }[];
}

/** Client → server request, params `ProbeParams`, result `ProbeReport`; cancellable with `$/cancelRequest`. */
export const ProbeRequest = { method: 'readiness/probe' } as const;

// ---------------------------------------------------------------------------------------------------------------
// readiness/rescan (client → server request)
// ---------------------------------------------------------------------------------------------------------------

/** Client → server request, params `FolderParams`, result `{ folders: number }`; answers when diagnostics are published. */
export const RescanRequest = { method: 'readiness/rescan' } as const;

// ---------------------------------------------------------------------------------------------------------------
// Commands (workspace/executeCommand)
// ---------------------------------------------------------------------------------------------------------------

/**
 * `readiness.applyFixes` — arguments: `[rule?: string]`. Builds ONE WorkspaceEdit with every safe fix of that rule
 * (or of every rule) across all folders, its edits annotated as needing confirmation (so VS Code shows the refactor
 * preview), and sends it with `workspace/applyEdit`. Returns an ApplyFixesResult.
 */
export const APPLY_FIXES_COMMAND = 'readiness.applyFixes';

export interface ApplyFixesResult {
  /** Whether the client applied the edit (false when there was nothing to apply, or the user declined). */
  applied: boolean;
  /** Number of fixes in the edit. */
  fixes: number;
  /** Number of files the edit changes or creates. */
  files: number;
  /** Why nothing was applied, in one line. */
  reason?: string;
}

/** Placeholder reason the "Suppress with a reason" action writes; the user replaces it. */
export const SUPPRESS_REASON_PLACEHOLDER = 'TODO: explain why this is safe';
