// One-off backfill from Zendesk, run by hand from a laptop in March.
import { prisma } from '../src/lib/db';

const ZENDESK_TOKEN = process.env.ZENDESK_API_TOKEN; // expect: env-undocumented
const SENDGRID_KEY = '__FAKE_sendgrid__'; // expect: secret-hardcoded

async function main() {
  const res = await fetch('https://deskpilot.zendesk.com/api/v2/tickets.json', { headers: { Authorization: `Bearer ${ZENDESK_TOKEN}` } });
  const { tickets } = await res.json();
  for (const t of tickets) await prisma.ticket.upsert({ where: { zendeskId: t.id }, create: { zendeskId: t.id, subject: t.subject, orgId: 'org_seed' }, update: {} });
  await fetch('https://api.sendgrid.com/v3/mail/send', { method: 'POST', headers: { Authorization: `Bearer ${SENDGRID_KEY}` }, body: '{}' });
}
main();
