/**
 * Header rules declared in JSON deployment config (`vercel.json` `headers`), read from the snapshot text with the
 * span of each rule's Access-Control-Allow-Origin entry.
 */
import type { RuleContext, Span } from '../api';

export interface JsonHeaderRule {
  file: string;
  source: string;
  origin?: string;
  credentials: boolean;
  span: Span;
}

/** A span for an offset range, computed from the text (JSON files have no line map in the model). */
export function spanAt(text: string, start: number, end: number): Span {
  const before = text.slice(0, start);
  const line = before.split('\n').length;
  const column = start - (before.lastIndexOf('\n') + 1) + 1;
  const inner = text.slice(start, end);
  const endLine = line + inner.split('\n').length - 1;
  const endColumn = inner.includes('\n') ? end - (text.lastIndexOf('\n', end - 1) + 1) + 1 : column + inner.length;
  return { start, end, line, column, endLine, endColumn };
}

interface VercelConfig {
  headers?: { source?: string; headers?: { key?: string; value?: string }[] }[];
}

export function jsonHeaderRules(ctx: Pick<RuleContext, 'model' | 'text'>): JsonHeaderRule[] {
  const out: JsonHeaderRule[] = [];
  for (const [file, facts] of Object.entries(ctx.model.textFiles)) {
    if (facts.kind !== 'vercel-json') continue;
    const text = ctx.text(file);
    if (!text) continue;
    let config: VercelConfig;
    try {
      config = JSON.parse(text) as VercelConfig;
    } catch {
      continue;
    }
    let cursor = 0;
    for (const rule of config.headers ?? []) {
      const find = (key: string) => rule.headers?.find((h) => h.key?.toLowerCase() === key)?.value;
      const origin = find('access-control-allow-origin');
      if (origin === undefined) continue;
      const at = text.toLowerCase().indexOf('"access-control-allow-origin"', cursor);
      const start = at >= 0 ? at : 0;
      cursor = start + 1;
      out.push({
        file,
        source: rule.source ?? '(all paths)',
        origin,
        credentials: find('access-control-allow-credentials') === 'true',
        span: spanAt(text, start, start + '"Access-Control-Allow-Origin"'.length),
      });
    }
  }
  return out;
}
