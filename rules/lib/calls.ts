/**
 * Pure helpers over the per-function IR shared by the cors, webhook, logging and error rules: which module a
 * callee's root was imported from, walking every function of the model, looking up object-literal properties of
 * an argument, and resolving a call to the project function it reaches.
 */
import type { CallFact, FileFacts, FunctionFacts, ValueFact, WorkspaceModel } from '../api';
import { resolveSpec } from './edits';

/** The module a local name was imported from (`cors` → `cors`, `Koa` → `koa`), or undefined. */
export function importedModule(facts: FileFacts | undefined, local: string | undefined): string | undefined {
  if (!facts || !local) return undefined;
  return facts.imports.find((i) => i.names.some((n) => n.local === local))?.spec;
}

/** Every (file, function) pair of the model, `<module>` pseudo-functions included. */
export function* eachFunction(model: WorkspaceModel): Iterable<[FileFacts, FunctionFacts]> {
  for (const facts of Object.values(model.files)) for (const fn of facts.functions) yield [facts, fn];
}

/** The file a function id belongs to (`src/app.ts#120` → `src/app.ts`). */
export function fileOf(functionId: string): string {
  return functionId.slice(0, functionId.lastIndexOf('#'));
}

/** An object literal argument's property (`prop(arg, 'origin')`, nested `where.id`). */
export function prop(value: ValueFact | undefined, path: string): ValueFact | undefined {
  return value?.props?.find((p) => p.path === path)?.value;
}

export function isLiteral(value: ValueFact | undefined, text: string): boolean {
  return !!value?.literal && value.text.replace(/^['"`]|['"`]$/g, '') === text;
}

/** The project function a call goes to, resolved through local bindings, imports and `obj.method` exports. */
export function calleeFunction(model: WorkspaceModel, file: string, call: CallFact): FunctionFacts | undefined {
  const facts = model.files[file];
  if (!facts || !call.root) return undefined;
  const parts = call.callee.split('.');
  const local = facts.bindings.find((b) => b.name === call.root);
  if (local?.functionId && parts.length === 1) return model.functions[local.functionId];
  const sameFile = facts.functions.find((f) => f.name === call.callee && !f.parentId);
  if (sameFile) return sameFile;
  const imp = facts.imports.find((i) => i.names.some((n) => n.local === call.root));
  if (!imp) return undefined;
  const target = resolveSpec(model, file, imp.spec);
  if (!target) return undefined;
  const imported = imp.names.find((n) => n.local === call.root)!.imported;
  const wanted = imported === '*' || imported === 'default' ? parts[1] : imported;
  if (!wanted) return undefined;
  const t = model.files[target];
  const exp = t?.exports.find((e) => e.exported === wanted);
  const name = exp?.local ?? wanted;
  const binding = t?.bindings.find((b) => b.name === name);
  if (binding?.functionId) return model.functions[binding.functionId];
  return t?.functions.find((f) => f.name === name || f.name?.endsWith(`.${parts[parts.length - 1]}`));
}

