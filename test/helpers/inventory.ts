/**
 * One line per route of a framework — method, path, registration, resolved handler and protections (kind:name:scope) —
 * which is what a reviewer checks by hand in the adapter tests; and scanning a fixture folder with its own config.
 */
import { join } from 'node:path';
import { loadConfig } from '../../server/src/config';
import type { Framework, WorkspaceModel } from '../../server/src/model/types';
import { scanFolder } from './scan';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function inventory(model: WorkspaceModel, framework: Framework): string[] {
  return model.routes
    .filter((r) => r.framework === framework)
    .map((r) => {
      const fn = r.handlerId ? model.functions[r.handlerId] : undefined;
      const handler = fn ? `${fn.id.split('#')[0]}:${fn.name ?? '<anonymous>'}@${fn.span.line}` : '-';
      const prot = r.protections.map((p) => `${p.kind}:${p.name}:${p.scope}`).join(', ');
      return `${r.method} ${r.path} ${r.file}:${r.span.line} handler=${handler} [${prot}]`;
    });
}

export async function scanFixtureDir(name: string): Promise<{ model: WorkspaceModel; root: string }> {
  const root = join(FIXTURES, name);
  const { model } = await scanFolder(root, loadConfig(root));
  return { model, root };
}
