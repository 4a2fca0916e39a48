/**
 * What one file's top level says about names, computed once per parsed file: which module each imported local comes
 * from, and which module-level constants are clients built from a module (`const openai = new OpenAI()`). The body IR
 * uses it to recognise LLM, database, validator and identity calls without a type checker.
 */
import { ts } from 'ts-morph';
import { DB_MODULES, LLM_MODULES } from '../catalogue';
import { unwrap } from '../refs';

export interface FileEnv {
  /** Local name → { module, imported name } for ESM imports and `require`. */
  imports: Map<string, { module: string; imported: string }>;
  /** Module-level constant → module of the constructor/factory it was built with. */
  clients: Map<string, string>;
}

const cache = new WeakMap<ts.SourceFile, FileEnv>();

export function fileEnv(sf: ts.SourceFile): FileEnv {
  let env = cache.get(sf);
  if (!env) {
    env = buildEnv(sf);
    cache.set(sf, env);
  }
  return env;
}

function requireSpec(node: ts.Expression | undefined): string | undefined {
  const n = node && unwrap(node);
  if (n && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require') {
    const a = n.arguments[0];
    if (a && ts.isStringLiteralLike(a)) return a.text;
  }
  return undefined;
}

function addImport(env: FileEnv, stmt: ts.ImportDeclaration): void {
  if (!ts.isStringLiteral(stmt.moduleSpecifier)) return;
  const module = stmt.moduleSpecifier.text;
  const clause = stmt.importClause;
  if (clause?.name) env.imports.set(clause.name.text, { module, imported: 'default' });
  const nb = clause?.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) env.imports.set(nb.name.text, { module, imported: '*' });
  if (nb && ts.isNamedImports(nb)) {
    for (const el of nb.elements) env.imports.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
  }
}

function addVariable(env: FileEnv, decl: ts.VariableDeclaration): void {
  const spec = requireSpec(decl.initializer);
  if (spec !== undefined) {
    if (ts.isIdentifier(decl.name)) env.imports.set(decl.name.text, { module: spec, imported: '*' });
    else if (ts.isObjectBindingPattern(decl.name)) {
      for (const el of decl.name.elements) {
        const prop = el.propertyName ?? el.name;
        if (ts.isIdentifier(el.name) && ts.isIdentifier(prop)) env.imports.set(el.name.text, { module: spec, imported: prop.text });
      }
    }
    return;
  }
  if (!ts.isIdentifier(decl.name) || !decl.initializer) return;
  const module = constructedFrom(env, decl.initializer);
  if (module) env.clients.set(decl.name.text, module);
}

/** `new OpenAI()`, `createClient(...)`, `drizzle(pool)`, `new PrismaClient().$extends(...)` → the callee's module. */
function constructedFrom(env: FileEnv, init: ts.Expression): string | undefined {
  let n: ts.Expression = unwrap(init);
  for (let i = 0; i < 6; i++) {
    if (ts.isNewExpression(n) || ts.isCallExpression(n)) n = unwrap(n.expression);
    else if (ts.isPropertyAccessExpression(n)) n = unwrap(n.expression);
    else break;
  }
  if (!ts.isIdentifier(n)) return undefined;
  return env.imports.get(n.text)?.module ?? env.clients.get(n.text);
}

function buildEnv(sf: ts.SourceFile): FileEnv {
  const env: FileEnv = { imports: new Map(), clients: new Map() };
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) addImport(env, stmt);
    else if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference)) {
      const e = stmt.moduleReference.expression;
      if (ts.isStringLiteral(e)) env.imports.set(stmt.name.text, { module: e.text, imported: '*' });
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) addVariable(env, decl);
    } else if (ts.isClassDeclaration(stmt)) addClassFields(env, stmt);
  }
  return env;
}

/**
 * Class fields built from a module (`private client = new Anthropic()`) and constructor-injected parameters typed
 * with an imported class (`constructor(private openai: OpenAI)`), keyed `this.<name>`.
 */
function addClassFields(env: FileEnv, cls: ts.ClassDeclaration): void {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.initializer) {
      const module = constructedFrom(env, m.initializer);
      if (module) env.clients.set(`this.${m.name.text}`, module);
    }
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const type = p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName) ? p.type.typeName.text : undefined;
        const module = type ? env.imports.get(type)?.module : undefined;
        if (module && ts.isIdentifier(p.name)) env.clients.set(`this.${p.name.text}`, module);
      }
    }
  }
}

/** The module a local name stands for: imported directly, or a client constructed from an import. */
export function moduleOf(env: FileEnv, name: string | undefined): string | undefined {
  if (!name) return undefined;
  return env.imports.get(name)?.module ?? env.clients.get(name);
}

export function isLlmModule(module: string | undefined): boolean {
  return !!module && LLM_MODULES.some((re) => re.test(module));
}

export function isDbModule(module: string | undefined): boolean {
  return !!module && DB_MODULES.some((re) => re.test(module));
}

/** Project modules whose path says what they hold (`@/lib/db`, `../lib/openai`): a hint, used only when nothing else tells. */
export function projectModuleHint(module: string | undefined): 'db' | 'llm' | undefined {
  if (!module || !/^(\.|@\/|~\/|src\/)/.test(module)) return undefined;
  const last = module.split('/').pop() ?? '';
  if (/^(db|database|prisma|drizzle|knex|supabase|mongo|mongoose|sequelize|models?|repo(sitor(y|ies))?)$/i.test(last)) return 'db';
  if (/^(openai|anthropic|llm|ai|gemini|groq|mistral|model|models?-client)$/i.test(last)) return 'llm';
  return undefined;
}
