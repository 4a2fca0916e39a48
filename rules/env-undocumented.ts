/**
 * env-undocumented: an environment variable the code reads but nobody wrote down (`.env.example`, `.env.sample`,
 * `.env.template`, or a docs page that names it). One finding per variable, at its first read; platform-provided
 * variables (NODE_ENV, PORT, VERCEL_*) and test code are left out.
 */
import { defineRule, type Finding } from './api';
import { addToEnvExample, isTestPath } from './lib/secrets';
import { documentedEnvNames, isPlatformVar } from './lib/ops';

export const envUndocumented = defineRule({
  meta: {
    id: 'env-undocumented',
    check: 'handover',
    title: 'Undocumented environment variable',
    description: 'An environment variable read by the code is missing from .env.example (or equivalent).',
    defaultSeverity: 'info',
    docs: 'rules/docs/env-undocumented.md',
    fixable: true,
  },
  detect(ctx) {
    const documented = documentedEnvNames(ctx.model);
    const seen = new Set<string>();
    const out: Finding[] = [];
    const files = Object.values(ctx.model.files).sort((a, b) => (a.file < b.file ? -1 : 1));
    for (const facts of files) {
      if (isTestPath(facts.file)) continue;
      for (const read of facts.env) {
        if (seen.has(read.name) || documented.has(read.name) || isPlatformVar(read.name)) continue;
        seen.add(read.name);
        const example = addToEnvExample(ctx, facts.file, read.name);
        const message = `${read.name} is read here but not listed in ${example.target} or the docs: the next person to deploy will not know to set it.`;
        const fix = {
          title: `Add ${read.name}= to ${example.target}`,
          edits: example.edits,
          createFiles: example.createFiles,
          // Appending to an existing template is safe to apply in bulk; creating the file is not (each fix would).
          safe: !example.createFiles,
        };
        out.push(ctx.finding({ message, file: facts.file, span: read.span, route: null, key: `env:${read.name}`, fixes: [fix] }));
      }
    }
    return out;
  },
});
