/**
 * handover-missing: no runbook tells the next person which env vars exist, who owns the secrets, how to roll back
 * and whom to call. Looks at HANDOVER/RUNBOOK/OPERATIONS docs, docs/runbook*, ops/ and the README, by headings (and
 * listed env names), and reports which parts are missing. Repo-level; silent in workspaces without a package.json.
 */
import { defineRule } from './api';
import { FILE_START } from './lib/secrets';
import { coveredParts, HANDOVER_PARTS, repoAnchor, runbookDocs } from './lib/ops';

export const handoverMissing = defineRule({
  meta: {
    id: 'handover-missing',
    check: 'handover',
    title: 'No handover runbook',
    description: 'No runbook covers env vars, secrets ownership, rollback steps and escalation contacts.',
    defaultSeverity: 'info',
    docs: 'rules/docs/handover-missing.md',
    fixable: false,
  },
  detect(ctx) {
    const anchor = repoAnchor(ctx.model);
    if (!anchor && !ctx.model.routes.length) return [];
    const docs = runbookDocs(ctx.model);
    const covered = coveredParts(docs);
    const missing = HANDOVER_PARTS.filter((p) => !covered.has(p.id));
    if (!missing.length) return [];
    const parts = missing.map((p) => p.label).join(', ');
    const runbook = docs.find((d) => !/(^|\/)readme\.md$/i.test(d.file));
    const file = runbook?.file ?? anchor ?? ctx.model.routes[0].file;
    const message = runbook
      ? `${runbook.file} does not cover ${parts}: whoever is on call will have to guess. Add a section for each (\`readiness handover\` drafts them).`
      : `No runbook (HANDOVER.md, RUNBOOK.md, docs/runbook.md) covers ${parts}. Run \`readiness handover --output HANDOVER.md\` for a draft and fill in the blanks.`;
    return [ctx.finding({ message, file, span: FILE_START, route: null, key: 'handover-missing' })];
  },
});
