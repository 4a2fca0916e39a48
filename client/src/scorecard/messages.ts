/**
 * The message protocol between the scorecard webview and the extension host. The webview is untrusted input:
 * everything it posts is parsed against a closed zod union, and each variant maps to one fixed action in the host —
 * never to a command id passed on to `executeCommand`.
 */
import { z } from 'zod';
import type { ProbeReport, RouteInfo, ScorecardResult, StatusParams } from '../../../server/src/protocol';

const position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const range = z.object({ start: position, end: position });
/** Only `file:` URIs: the view links to workspace files, nothing else. */
const fileUri = z.string().max(4096).regex(/^file:\/\//);

export const EXPORT_FORMATS = ['markdown', 'html', 'sarif', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const WebviewMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('rescan') }),
  z.object({ type: z.literal('openFinding'), uri: fileUri, range }),
  z.object({ type: z.literal('openRoute'), uri: fileUri, line: z.number().int().min(1) }),
  z.object({ type: z.literal('exportReport'), format: z.enum(EXPORT_FORMATS) }),
  z.object({ type: z.literal('selectFolder'), folder: z.string().max(4096) }),
  z.object({
    type: z.literal('runProbe'),
    url: z.string().url().max(2048).regex(/^https?:\/\//i, 'http(s) only'),
    allowBurst: z.boolean(),
    allowPost: z.boolean(),
  }),
  z.object({ type: z.literal('cancelProbe') }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

/** What the probe section shows. */
export type ProbeState =
  | { state: 'idle' }
  | { state: 'running'; target: string }
  | { state: 'done'; report: ProbeReport }
  | { state: 'error'; message: string };

/** Host → webview messages (the host is trusted; the webview still renders them with textContent only). */
export type HostMessage =
  | {
      type: 'state';
      folders: { uri: string; name: string }[];
      folder: string | null;
      scorecard: ScorecardResult | null;
      routes: RouteInfo[];
      trusted: boolean;
      error?: string;
    }
  | { type: 'status'; status: StatusParams }
  | { type: 'probe'; probe: ProbeState };

/** Parses one message from the webview; undefined (and nothing done) for anything outside the union. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  const r = WebviewMessage.safeParse(raw);
  return r.success ? r.data : undefined;
}
