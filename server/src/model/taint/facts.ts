/**
 * ValueFacts from expressions: source text (bounded, with secret-looking literals shortened to 4 characters), span,
 * sources and names from values.ts, and the key paths of object literals (`where.tenantId`).
 */
import { ts } from 'ts-morph';
import { clip, unwrap } from '../refs';
import type { Source, ValueFact } from '../types';
import type { Val } from './request';
import { valueOf, type ValueScope } from './values';

/** Source text of a node without building the whole string for big nodes (a handler passed as an argument). */
export function nodeText(sf: ts.SourceFile, node: ts.Node, max = 160): string {
  const start = node.getStart(sf);
  const end = Math.min(node.end, start + max * 3);
  const text = sf.text.slice(start, end);
  return clip(end < node.end ? text + ' …' : text, max);
}

/** A ValueFact for an expression: text, span, sources, names, and object-literal structure. */
export function toFact(scope: ValueScope, node: ts.Expression, val?: Val): ValueFact {
  const n = unwrap(node);
  const v = val ?? valueOf(scope, n);
  const fact: ValueFact = { text: '', span: scope.span(node), sources: [...v.sources], names: [...v.names] };
  const lit = literalOf(n);
  fact.text = textOf(scope, n, lit);
  if (lit) fact.literal = lit;
  if (ts.isObjectLiteralExpression(n)) {
    const props: { path: string; value: ValueFact }[] = [];
    const spreads = new Set<Source>();
    collectProps(scope, n, '', props, spreads, 0);
    if (props.length) fact.props = props;
    if (spreads.size) fact.spreads = [...spreads];
  }
  return fact;
}

/** A string literal's own text keeps 4 characters; literals inside longer text keep 4 when they are long. */
function textOf(scope: ValueScope, n: ts.Expression, lit: ValueFact['literal']): string {
  if (lit?.kind === 'string' && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.text.length > 4 && !isPlainText(n.text)) {
    const q = n.getText(scope.sf)[0];
    return `${q}${n.text.slice(0, 4)}…${q}(${n.text.length} chars)`;
  }
  return redactLiterals(nodeText(scope.sf, n));
}

/**
 * Literals that cannot be credentials stay readable (role names, header names, paths, origins, SQL, messages):
 * printable ASCII without a long token (20+ characters) or a token mixing letters and digits (`w0rd`, `sk4f…`).
 */
export function isPlainText(s: string): boolean {
  if (s.length > 200 || !/^[\x20-\x7E]*$/.test(s) || s.includes('\\')) return false;
  return !s.split(/[^A-Za-z0-9]+/).some((t) => t.length >= 20 || (t.length >= 4 && /\d/.test(t) && /[A-Za-z]/.test(t)));
}

/** Replace secret-looking string literals longer than 12 characters in source text by their first 4 characters and length. */
export function redactLiterals(text: string): string {
  const closed = text.replace(/(['"`])((?:\\.|(?!\1)[^\\]){13,})\1/g, (m, q: string, inner: string) =>
    (q === '`' && inner.includes('${')) || isPlainText(inner) ? m : `${q}${inner.slice(0, 4)}…${q}(${inner.length} chars)`,
  );
  // A literal cut off by clipping has no closing quote: keep its first 4 characters only.
  return closed.replace(/(['"`])([^'"`]{13,})…$/, (m, q: string, inner: string) => (isPlainText(inner) ? m : `${q}${inner.slice(0, 4)}…`));
}

function literalOf(n: ts.Expression): ValueFact['literal'] | undefined {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
    return { kind: 'string', preview: n.text.slice(0, 4), length: n.text.length };
  }
  if (ts.isTemplateExpression(n)) return { kind: 'template', preview: n.head.text.slice(0, 4), length: n.getWidth() };
  if (ts.isNumericLiteral(n)) return { kind: 'number', preview: n.text };
  if (n.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', preview: 'true' };
  if (n.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', preview: 'false' };
  if (n.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
  if (ts.isRegularExpressionLiteral(n)) return { kind: 'regexp', preview: n.text.slice(0, 4), length: n.text.length };
  return undefined;
}

function collectProps(
  scope: ValueScope,
  obj: ts.ObjectLiteralExpression,
  prefix: string,
  props: { path: string; value: ValueFact }[],
  spreads: Set<Source>,
  depth: number,
): void {
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      valueOf(scope, p.expression).sources.forEach((s) => spreads.add(s));
      continue;
    }
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined;
    if (!name) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (ts.isPropertyAssignment(p)) {
      props.push({ path, value: toFactShallow(scope, p.initializer) });
      const inner = unwrap(p.initializer);
      if (ts.isObjectLiteralExpression(inner) && depth < 4) collectProps(scope, inner, path, props, spreads, depth + 1);
    } else if (ts.isShorthandPropertyAssignment(p)) props.push({ path, value: toFactShallow(scope, p.name) });
  }
}

/** Like toFact but without nested props (those are listed with their own paths). */
function toFactShallow(scope: ValueScope, node: ts.Expression): ValueFact {
  const n = unwrap(node);
  const v = valueOf(scope, n);
  const lit = literalOf(n);
  const text = textOf(scope, n, lit);
  const fact: ValueFact = { text, span: scope.span(node), sources: [...v.sources], names: [...v.names] };
  if (lit) fact.literal = lit;
  if (ts.isObjectLiteralExpression(n)) {
    const spreads = new Set<Source>();
    for (const p of n.properties) if (ts.isSpreadAssignment(p)) valueOf(scope, p.expression).sources.forEach((s) => spreads.add(s));
    if (spreads.size) fact.spreads = [...spreads];
  }
  return fact;
}
