/**
 * The core pass over one file: imports (ESM, require, dynamic), exports (including re-exports), module-scope
 * bindings, environment variable reads and the `'use client'` directive. Framework adapters and rules build on these.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from './adapter';
import { unwrap } from './refs';
import type { BindingFact, EnvReadFact, ExportFact, FileFacts, FunctionFacts, ImportFact } from './types';

type CoreContext = Omit<ExtractContext, 'core'>;
type Core = Pick<FileFacts, 'imports' | 'exports' | 'bindings' | 'env' | 'directive'>;

function hasExportModifier(node: ts.Node): { exported: boolean; isDefault: boolean } {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
  return {
    exported: mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    isDefault: mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword),
  };
}

function isFunctionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

function requireSpec(node: ts.Expression): string | undefined {
  const n = unwrap(node);
  if (
    ts.isCallExpression(n) &&
    ts.isIdentifier(n.expression) &&
    n.expression.text === 'require' &&
    n.arguments.length === 1 &&
    ts.isStringLiteralLike(n.arguments[0])
  ) {
    return n.arguments[0].text;
  }
  return undefined;
}

export function collectCore(ctx: CoreContext, functions: FunctionFacts[]): Core {
  const { sf } = ctx;
  const imports: ImportFact[] = [];
  const exports: ExportFact[] = [];
  const bindings: BindingFact[] = [];
  const env: EnvReadFact[] = [];
  const functionIds = new Set(functions.map((f) => f.id));
  const fnId = (node: ts.Node | undefined) => {
    if (!node) return undefined;
    const id = ctx.functionId(unwrap(node as ts.Expression));
    return functionIds.has(id) ? id : undefined;
  };

  let directive: FileFacts['directive'];
  for (const stmt of sf.statements) {
    if (ts.isExpressionStatement(stmt) && ts.isStringLiteral(stmt.expression)) {
      const t = stmt.expression.text;
      if (t === 'use client' || t === 'use server') directive = t;
    } else break;
  }

  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const names: ImportFact['names'] = [];
      const clause = stmt.importClause;
      if (clause?.name) names.push({ local: clause.name.text, imported: 'default' });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.push({ local: nb.name.text, imported: '*' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) names.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text });
      }
      imports.push({ spec: stmt.moduleSpecifier.text, names, kind: 'import', typeOnly: !!clause?.isTypeOnly, span: ctx.span(stmt) });
      continue;
    }
    if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference)) {
      const e = stmt.moduleReference.expression;
      if (ts.isStringLiteral(e)) {
        imports.push({ spec: e.text, names: [{ local: stmt.name.text, imported: '*' }], kind: 'require', typeOnly: false, span: ctx.span(stmt) });
      }
      continue;
    }
    if (ts.isExportDeclaration(stmt)) {
      const from = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
      if (!stmt.exportClause) exports.push({ exported: '*', from });
      else if (ts.isNamespaceExport(stmt.exportClause)) exports.push({ exported: stmt.exportClause.name.text, from, imported: '*' });
      else {
        for (const el of stmt.exportClause.elements) {
          const inner = (el.propertyName ?? el.name).text;
          exports.push(from ? { exported: el.name.text, from, imported: inner } : { exported: el.name.text, local: inner });
        }
      }
      continue;
    }
    if (ts.isExportAssignment(stmt)) {
      const e = unwrap(stmt.expression);
      const local = ts.isIdentifier(e) ? e.text : undefined;
      exports.push({ exported: 'default', local });
      if (!local) {
        bindings.push({ name: 'default', kind: 'const', span: ctx.span(stmt), init: ctx.ref(e), functionId: fnId(e), exported: true });
      }
      continue;
    }
    const { exported, isDefault } = hasExportModifier(stmt);
    if (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) {
      const name = stmt.name?.text ?? 'default';
      bindings.push({
        name,
        kind: ts.isFunctionDeclaration(stmt) ? 'function' : 'class',
        span: ctx.span(stmt),
        functionId: ts.isFunctionDeclaration(stmt) ? fnId(stmt) : undefined,
        exported,
      });
      if (exported) exports.push({ exported: isDefault ? 'default' : name, local: name });
      continue;
    }
    if (ts.isVariableStatement(stmt)) {
      const flags = stmt.declarationList.flags;
      const kind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const decl of stmt.declarationList.declarations) {
        const init = decl.initializer;
        const spec = init ? requireSpec(init) : undefined;
        if (spec !== undefined) {
          imports.push(requireImport(decl.name, spec, ctx));
          continue;
        }
        // `const { Router } = require('express')` handled above; `const x = require('y').z` below.
        if (init) {
          const u = unwrap(init);
          if (ts.isPropertyAccessExpression(u) && requireSpec(u.expression) !== undefined && ts.isIdentifier(decl.name)) {
            imports.push({
              spec: requireSpec(u.expression)!,
              names: [{ local: decl.name.text, imported: u.name.text }],
              kind: 'require',
              typeOnly: false,
              span: ctx.span(decl),
            });
            continue;
          }
        }
        if (!ts.isIdentifier(decl.name)) continue;
        const name = decl.name.text;
        bindings.push({
          name,
          kind,
          span: ctx.span(decl),
          init: init ? ctx.ref(init) : undefined,
          functionId: init && isFunctionLike(unwrap(init)) ? fnId(init) : undefined,
          exported,
        });
        if (exported) exports.push({ exported: name, local: name });
      }
      continue;
    }
    // CommonJS exports: module.exports = x, module.exports.y = z, exports.y = z.
    if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      collectCommonJsExport(stmt.expression, ctx, exports, bindings, fnId);
    }
  }

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        imports.push({ spec: node.arguments[0].text, names: [], kind: 'dynamic', typeOnly: false, span: ctx.span(node) });
      } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.parent && !ts.isVariableDeclaration(node.parent)) {
        const spec = requireSpec(node);
        if (spec !== undefined && !ts.isPropertyAccessExpression(node.parent)) {
          imports.push({ spec, names: [], kind: 'require', typeOnly: false, span: ctx.span(node) });
        }
      }
      const envGet = envGetCall(node);
      if (envGet) env.push({ name: envGet, span: ctx.span(node), via: 'other' });
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const read = envRead(node);
      if (read) env.push({ ...read, span: ctx.span(node) });
    }
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && isProcessEnv(unwrap(node.initializer))) {
      for (const el of node.name.elements) {
        const key = el.propertyName ?? el.name;
        if (ts.isIdentifier(key)) env.push({ name: key.text, span: ctx.span(el), via: 'process.env' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  return { imports, exports, bindings, env, directive };
}

function requireImport(name: ts.BindingName, spec: string, ctx: CoreContext): ImportFact {
  const names: ImportFact['names'] = [];
  if (ts.isIdentifier(name)) names.push({ local: name.text, imported: '*' });
  else if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      if (ts.isIdentifier(el.name)) {
        const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        names.push({ local: el.name.text, imported: prop });
      }
    }
  }
  return { spec, names, kind: 'require', typeOnly: false, span: ctx.span(name) };
}

function collectCommonJsExport(
  expr: ts.BinaryExpression,
  ctx: CoreContext,
  exports: ExportFact[],
  bindings: BindingFact[],
  fnId: (n: ts.Node | undefined) => string | undefined,
): void {
  const left = expr.left;
  const right = unwrap(expr.right);
  const text = left.getText(ctx.sf);
  if (text === 'module.exports') {
    if (ts.isIdentifier(right)) exports.push({ exported: 'default', local: right.text });
    else if (ts.isObjectLiteralExpression(right)) {
      exports.push({ exported: 'default', local: 'module.exports' });
      for (const p of right.properties) {
        if (ts.isShorthandPropertyAssignment(p)) exports.push({ exported: p.name.text, local: p.name.text });
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isIdentifier(unwrap(p.initializer))) {
          exports.push({ exported: p.name.text, local: (unwrap(p.initializer) as ts.Identifier).text });
        } else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) {
          bindings.push({ name: p.name.text, kind: 'const', span: ctx.span(p), init: ctx.ref(p.initializer), functionId: fnId(p.initializer), exported: true });
          exports.push({ exported: p.name.text, local: p.name.text });
        }
      }
    } else {
      bindings.push({ name: 'default', kind: 'const', span: ctx.span(expr), init: ctx.ref(right), functionId: fnId(right), exported: true });
      exports.push({ exported: 'default' });
    }
    return;
  }
  const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(text);
  if (m) {
    if (ts.isIdentifier(right)) exports.push({ exported: m[1], local: right.text });
    else {
      bindings.push({ name: m[1], kind: 'const', span: ctx.span(expr), init: ctx.ref(right), functionId: fnId(right), exported: true });
      exports.push({ exported: m[1], local: m[1] });
    }
  }
}

function isProcessEnv(n: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(n) &&
    n.name.text === 'env' &&
    ((ts.isIdentifier(n.expression) && n.expression.text === 'process') ||
      (ts.isMetaProperty(n.expression) && n.expression.name.text === 'meta'))
  );
}

function envRead(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): Omit<EnvReadFact, 'span'> | undefined {
  const obj = unwrap(node.expression);
  if (!isProcessEnv(obj)) return undefined;
  const via = ts.isMetaProperty((obj as ts.PropertyAccessExpression).expression) ? 'import.meta.env' : 'process.env';
  if (ts.isPropertyAccessExpression(node)) return { name: node.name.text, via };
  if (ts.isStringLiteralLike(node.argumentExpression)) return { name: node.argumentExpression.text, via };
  return undefined;
}

/** `Deno.env.get('X')`, `Bun.env.X` style reads and `env('X')`/`getEnv('X')` helpers are treated the same. */
function envGetCall(node: ts.CallExpression): string | undefined {
  const arg = node.arguments[0];
  if (!arg || !ts.isStringLiteralLike(arg) || !/^[A-Z][A-Z0-9_]{2,}$/.test(arg.text)) return undefined;
  const callee = node.expression.getText();
  if (/^(Deno\.env\.get|env|getEnv|requireEnv|mustEnv|readEnv|configService\.get|this\.config(Service)?\.get|config\.get)$/.test(callee)) {
    return arg.text;
  }
  return undefined;
}
