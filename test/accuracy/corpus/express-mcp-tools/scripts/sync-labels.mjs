// One-off: copy helpdesk labels into GitHub issues for the triage board.
const GITHUB_TOKEN = '__FAKE_github__'; // expect: secret-hardcoded
const SLACK_ALERTS = '__FAKE_slackHook__'; // expect: secret-hardcoded

const res = await fetch('https://api.github.com/repos/acme/agent-desk/labels', { headers: { authorization: `token ${GITHUB_TOKEN}` } });
if (!res.ok) await fetch(SLACK_ALERTS, { method: 'POST', body: JSON.stringify({ text: 'label sync failed' }) });
