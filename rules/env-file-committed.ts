/**
 * env-file-committed: a real `.env*` file (not a template such as `.env.example`) that git tracks, or that
 * `.gitignore` does not cover. Framework default files (`.env.development`, `.env.production`) that hold no
 * secret-looking names are committed on purpose by Next.js/Vite projects and are left alone.
 */
import { defineRule, type Finding, type RuleContext, type TextFileFacts } from './api';
import { clientEnvPrefix, FILE_START, isEnvExampleFile, isSecretName, isTestPath } from './lib/secrets';

const IGNORE_BLOCK = '# Local environment files hold secrets\n.env*\n!.env.example\n!.env.sample\n!.env.template\n';

export const envFileCommitted = defineRule({
  meta: {
    id: 'env-file-committed',
    check: 'secrets',
    title: 'Real .env file committed',
    description: 'A real .env file is tracked by git, or .gitignore does not cover it.',
    defaultSeverity: 'error',
    docs: 'rules/docs/env-file-committed.md',
    fixable: true,
  },
  detect(ctx) {
    const out: Finding[] = [];
    for (const t of Object.values(ctx.model.textFiles)) {
      if (t.kind !== 'env' || isEnvExampleFile(t.file) || isTestPath(t.file) || !holdsSecrets(t)) continue;
      const secretNames = (t.names ?? []).filter((n) => isSecretName(n) && !clientEnvPrefix(n));
      const what = secretNames.length ? ` (${list(secretNames)})` : '';
      if (t.tracked) {
        const message =
          `${t.file} is tracked by git: its values${what} are in the repository and its history. ` +
          `Run \`git rm --cached ${t.file}\`, ignore it, and rotate every secret it holds.`;
        out.push(ctx.finding({ message, file: t.file, span: FILE_START, route: null, key: 'tracked', fixes: t.ignored ? [] : ignoreFix(ctx) }));
      } else if (t.ignored === false) {
        const message = `${t.file} is not covered by .gitignore: the next \`git add .\` commits its values${what}. Add it to .gitignore.`;
        out.push(ctx.finding({ message, file: t.file, span: FILE_START, route: null, key: 'not-ignored', fixes: ignoreFix(ctx) }));
      }
    }
    return out;
  },
});

/**
 * `.env` and `*.local` files are secret by convention; other variants count when they define a secret-looking
 * server-side name or the scanner found a secret in them.
 */
function holdsSecrets(t: TextFileFacts): boolean {
  const base = t.file.slice(t.file.lastIndexOf('/') + 1);
  if (!t.names?.length) return false;
  if (base === '.env' || base.endsWith('.local')) return true;
  return t.secrets.some((s) => s.confidence !== 'low') || t.names.some((n) => isSecretName(n) && !clientEnvPrefix(n));
}

function list(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/** Append an ignore block to the root `.gitignore`, or create one. Safe: it only stops files from being added. */
function ignoreFix(ctx: RuleContext) {
  const existing = ctx.model.textFiles['.gitignore'];
  if (!existing) return [{ title: 'Create .gitignore ignoring .env files', edits: [], createFiles: [{ file: '.gitignore', text: IGNORE_BLOCK }], safe: true }];
  const text = ctx.text('.gitignore') ?? '';
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  return [
    {
      title: 'Ignore .env files in .gitignore',
      edits: [{ file: '.gitignore', start: text.length, end: text.length, newText: `${lead}${text ? '\n' : ''}${IGNORE_BLOCK}` }],
      safe: true,
    },
  ];
}
