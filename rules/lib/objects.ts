/**
 * Text edits inside an object literal whose span the adapter recorded (Fastify route options): find a top-level
 * key, add a property, or add an item to an array-valued property. A small scanner that skips strings, comments
 * and nested brackets is enough here, because the span is known to be exactly one object literal.
 */
import type { TextEdit } from '../api';
import { indentAt } from './edits';

/** Offsets of the object's top-level property keys: key name → offset just after the key's `:`. */
export function topLevelKeys(text: string, start: number, end: number): Map<string, number> {
  const keys = new Map<string, number>();
  let depth = 0;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') i = skipString(text, i);
    else if (ch === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) === -1 ? end : text.indexOf('\n', i);
    else if (ch === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) + 1 || end;
    else if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') depth--;
    else if (depth === 1 && /[A-Za-z_$]/.test(ch) && /[{,\s]/.test(text[i - 1])) {
      const m = /^([A-Za-z_$][\w$]*)\s*:/.exec(text.slice(i, end));
      if (m) keys.set(m[1], i + m[0].length);
      i += (m?.[1].length ?? 1) - 1;
      while (/[\w$]/.test(text[i + 1] ?? '')) i++;
    }
  }
  return keys;
}

function skipString(text: string, i: number): number {
  const quote = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === quote) return j;
  }
  return text.length;
}

/** Insert `key: value` as the object's first property, keeping its one-line or multi-line layout. */
export function addProperty(file: string, text: string, obj: { start: number; end: number }, property: string): TextEdit {
  const inner = text.slice(obj.start + 1, obj.end - 1);
  if (!inner.trim()) return { file, start: obj.start, end: obj.end, newText: `{ ${property} }` };
  const nl = inner.indexOf('\n');
  if (nl !== -1 && !inner.slice(0, nl).trim()) {
    const firstLine = obj.start + 1 + nl + 1;
    return { file, start: obj.start + 1, end: obj.start + 1, newText: `\n${indentAt(text, firstLine)}${property},` };
  }
  return { file, start: obj.start + 1, end: obj.start + 1, newText: ` ${property},` };
}

/**
 * Add `item` to the array under `key`, or add `key: [item]` when the key is missing. Undefined when the key holds
 * something other than an array literal (a fix would have to rewrite the user's expression).
 */
export function addToArrayProperty(file: string, text: string, obj: { start: number; end: number }, key: string, item: string): TextEdit | undefined {
  const at = topLevelKeys(text, obj.start, obj.end).get(key);
  if (at === undefined) return addProperty(file, text, obj, `${key}: [${item}]`);
  const open = text.slice(at, obj.end).search(/\S/);
  if (open === -1 || text[at + open] !== '[') return undefined;
  const after = at + open + 1;
  const empty = /^\s*\]/.test(text.slice(after));
  return { file, start: after, end: after, newText: empty ? item : `${item}, ` };
}
