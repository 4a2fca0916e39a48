/**
 * The llm-tools collector: LLM tool definitions, whatever the SDK, as plain facts for llm-tool-authz. Recognises
 * ai `tool({ parameters|inputSchema, execute })` and plain `tools: { name: { execute } }` objects, LangChain
 * `tool(fn, { name, schema })` / `new DynamicStructuredTool({ func })` / `new DynamicTool({ func })`, MCP
 * `server.tool(name, …, handler)` / `server.registerTool(name, config, handler)`, and OpenAI/Anthropic tool calls
 * dispatched by name (`switch (call.function.name) { case 'x': return fn(args) }` or a `toolHandlers` name → function map).
 */
import { ts } from 'ts-morph';
import type { Collector, ExtractContext } from '../adapter';
import type { Span } from '../types';

export interface LlmToolFact {
  name: string;
  sdk: 'ai' | 'langchain' | 'mcp' | 'openai';
  span: Span;
  /** The execute/handler function when written inline (its FunctionFacts id). */
  executeId?: string;
  /** The execute function as a name to resolve (`execute: lookupTicket`, a dispatch `getTicket(args)` / `tools.getTicket(args)`). */
  executeRef?: string;
  /** How many leading parameters of the execute function the model supplies (the rest are context/options). */
  argParams: number;
  /** Property names of the tool's input schema (`z.object({ ticketId })` → ticketId). */
  schemaParams: string[];
  /** The function the definition is written in (a request handler, a tool factory), if any. */
  enclosingId?: string;
  /**
   * A dispatch case that does the work inline (`case 'lookup_order': { const args = JSON.parse(call.function.arguments);
   * … prisma.order.findUnique(…) }`): the case's span and the locals that hold the model's arguments. The execute
   * function is then the enclosing one, restricted to this span.
   */
  inlineCase?: { start: number; end: number; argNames: string[] };
}

export interface LlmToolsFacts {
  tools: LlmToolFact[];
}

const MAY_APPLY = /\btool\s*\(|\btools\s*:|tool\w*\s*[:=]|DynamicStructuredTool|DynamicTool|registerTool|\.tool\s*\(|function\.name|tool_use|toolCall/;

const isFn = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration =>
  !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n));

function propOf(obj: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
  for (const p of obj.properties) {
    if (!p.name || (!ts.isIdentifier(p.name) && !ts.isStringLiteral(p.name)) || p.name.text !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isMethodDeclaration(p)) return p;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

/** Keys of `z.object({ … })`, of a raw shape `{ … }`, or of a JSON schema's `properties`. */
function schemaKeys(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isCallExpression(node)) return schemaKeys(node.arguments[0] ?? (ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined));
  if (ts.isPropertyAccessExpression(node)) return schemaKeys(node.expression);
  if (!ts.isObjectLiteralExpression(node)) return [];
  const props = propOf(node, 'properties');
  if (props && ts.isObjectLiteralExpression(props)) return schemaKeys(props);
  return node.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}

interface Found {
  name: string;
  sdk: LlmToolFact['sdk'];
  at: ts.Node;
  execute?: ts.Node;
  schema?: ts.Node;
  argParams?: number;
  inlineArgs?: string[];
}

/** Locals of a case clause that hold the model's arguments: `JSON.parse(call.function.arguments)`, `block.input`. */
function inlineArgNames(clause: ts.CaseClause): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer && /JSON\.parse\([^)]*\.arguments\b|\.(input|arguments)$/.test(n.initializer.getText())) {
      if (ts.isIdentifier(n.name)) names.push(n.name.text);
      else for (const el of n.name.elements) if (ts.isBindingElement(el) && ts.isIdentifier(el.name)) names.push(el.name.text);
    }
    ts.forEachChild(n, visit);
  };
  clause.statements.forEach(visit);
  return names;
}

/** The name a definition is given by where it sits: `lookup: tool(…)` or `const lookup = tool(…)`. */
function nameFromParent(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function fromCall(call: ts.CallExpression, importedFrom: (name: string) => string | undefined): Found | undefined {
  const callee = call.expression;
  const [a0, a1] = call.arguments;
  if (ts.isIdentifier(callee) && callee.text === 'tool') {
    const mod = importedFrom('tool') ?? '';
    if (a0 && ts.isObjectLiteralExpression(a0) && /^ai$|^@ai-sdk\//.test(mod)) {
      return { name: nameFromParent(call) ?? 'tool', sdk: 'ai', at: call, execute: propOf(a0, 'execute'), schema: propOf(a0, 'parameters') ?? propOf(a0, 'inputSchema') };
    }
    if (isFn(a0) && a1 && ts.isObjectLiteralExpression(a1) && /langchain/.test(mod)) {
      return { name: literal(propOf(a1, 'name')) ?? nameFromParent(call) ?? 'tool', sdk: 'langchain', at: call, execute: a0, schema: propOf(a1, 'schema') };
    }
  }
  if (ts.isPropertyAccessExpression(callee) && /^(tool|registerTool)$/.test(callee.name.text) && literal(a0)) {
    const handler = call.arguments[call.arguments.length - 1];
    if (!isFn(handler) && !ts.isIdentifier(handler)) return undefined;
    const cfg = call.arguments.slice(1, -1).find((x) => ts.isObjectLiteralExpression(x)) as ts.ObjectLiteralExpression | undefined;
    const schema = callee.name.text === 'registerTool' && cfg ? propOf(cfg, 'inputSchema') : cfg;
    return { name: literal(a0)!, sdk: 'mcp', at: call, execute: handler, schema };
  }
  return undefined;
}

function fromNew(node: ts.NewExpression): Found | undefined {
  const cls = node.expression.getText();
  const a0 = node.arguments?.[0];
  if (!/^(DynamicStructuredTool|DynamicTool)$/.test(cls) || !a0 || !ts.isObjectLiteralExpression(a0)) return undefined;
  return { name: literal(propOf(a0, 'name')) ?? 'tool', sdk: 'langchain', at: node, execute: propOf(a0, 'func'), schema: propOf(a0, 'schema') };
}

/** `tools: { lookup: { description, parameters, execute } }` written without `tool()`. */
function fromToolsObject(obj: ts.ObjectLiteralExpression): Found[] {
  const parent = obj.parent;
  if (!ts.isPropertyAssignment(parent) || parent.name.getText() !== 'tools') return [];
  return obj.properties.flatMap((p) => {
    if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) return [];
    const execute = propOf(p.initializer, 'execute');
    return execute ? [{ name: p.name.getText(), sdk: 'ai' as const, at: p, execute, schema: propOf(p.initializer, 'parameters') ?? propOf(p.initializer, 'inputSchema') }] : [];
  });
}

/**
 * A name → handler map for dispatched tool calls: `const toolHandlers = { get_ticket: async (args, user) => …,
 * close_ticket: closeTicket }`, named like a tool registry (`tools`, `toolHandlers`, `TOOL_IMPLS`).
 */
function fromToolMap(decl: ts.VariableDeclaration): Found[] {
  if (!ts.isIdentifier(decl.name) || !/tool/i.test(decl.name.text) || !/(s|handlers?|map|registry|impls?|functions|fns|executors?)$/i.test(decl.name.text)) return [];
  const init = decl.initializer && ts.isSatisfiesExpression(decl.initializer) ? decl.initializer.expression : decl.initializer;
  if (!init || !ts.isObjectLiteralExpression(init) || !init.properties.length) return [];
  const entries = init.properties.map((p) => {
    if (ts.isMethodDeclaration(p)) return { p, fn: p as ts.Node };
    if (ts.isPropertyAssignment(p) && (isFn(p.initializer) || ts.isIdentifier(p.initializer))) return { p, fn: p.initializer as ts.Node };
    if (ts.isShorthandPropertyAssignment(p)) return { p, fn: p.name as ts.Node };
    return undefined;
  });
  if (entries.some((e) => !e)) return [];
  return entries.map((e) => ({ name: e!.p.name!.getText().replace(/^['"]|['"]$/g, ''), sdk: 'openai' as const, at: e!.p, execute: e!.fn }));
}

/** `getTicket(args)` or `tools.getTicket(args)`, not `JSON.stringify(…)` or `String(…)`. */
function isDispatchTarget(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return !/^(JSON|String|Number|Boolean|Object|Array|Promise)$/.test(e.text);
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && !/^(JSON|Object|Array|Promise|Math|console|this)$/.test(e.expression.text);
}

/** `switch (call.function.name) { case 'get_ticket': return getTicket(args) }` (OpenAI/Anthropic dispatch). */
function fromSwitch(node: ts.SwitchStatement): Found[] {
  if (!/(\.function\.name|\.name|toolName|tool_name)$/.test(node.expression.getText())) return [];
  return node.caseBlock.clauses.flatMap((clause): Found[] => {
    if (!ts.isCaseClause(clause) || !literal(clause.expression)) return [];
    let target: ts.Expression | undefined;
    const visit = (n: ts.Node): void => {
      if (target) return;
      if (ts.isCallExpression(n) && isDispatchTarget(n.expression)) target = n.expression;
      else ts.forEachChild(n, visit);
    };
    clause.statements.forEach(visit);
    if (target) return [{ name: literal(clause.expression)!, sdk: 'openai' as const, at: clause, execute: target }];
    const inlineArgs = inlineArgNames(clause);
    return inlineArgs.length ? [{ name: literal(clause.expression)!, sdk: 'openai' as const, at: clause, inlineArgs }] : [];
  });
}

function enclosing(ctx: ExtractContext, node: ts.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && !ts.isCallSignatureDeclaration(p)) return ctx.functionId(p);
  }
  return undefined;
}

function toFact(ctx: ExtractContext, f: Found): LlmToolFact {
  const inline = isFn(f.execute) ? f.execute : undefined;
  return {
    name: f.name,
    sdk: f.sdk,
    span: ctx.span(f.at),
    executeId: inline ? ctx.functionId(inline) : undefined,
    executeRef: f.execute && (ts.isIdentifier(f.execute) || ts.isPropertyAccessExpression(f.execute)) ? f.execute.getText() : undefined,
    argParams: f.argParams ?? 1,
    schemaParams: schemaKeys(f.schema),
    enclosingId: enclosing(ctx, f.at),
    inlineCase: f.inlineArgs ? { start: f.at.getStart(ctx.sf), end: f.at.getEnd(), argNames: f.inlineArgs } : undefined,
  };
}

function collect(ctx: ExtractContext): LlmToolsFacts | undefined {
  const importedFrom = (name: string) => ctx.core.imports.find((i) => i.names.some((n) => n.local === name))?.spec;
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const f = fromCall(node, importedFrom);
      if (f) found.push(f);
    } else if (ts.isNewExpression(node)) {
      const f = fromNew(node);
      if (f) found.push(f);
    } else if (ts.isObjectLiteralExpression(node)) found.push(...fromToolsObject(node));
    else if (ts.isSwitchStatement(node)) found.push(...fromSwitch(node));
    else if (ts.isVariableDeclaration(node)) found.push(...fromToolMap(node));
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return found.length ? { tools: found.map((f) => toFact(ctx, f)) } : undefined;
}

export const llmToolsCollector: Collector<LlmToolsFacts> = {
  id: 'llm-tools',
  mayApply: (text) => MAY_APPLY.test(text),
  collect,
};
