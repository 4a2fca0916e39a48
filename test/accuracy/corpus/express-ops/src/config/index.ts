// Defaults for local development only; production values come from the environment.
export const config = {
  anthropicKey: process.env.ANTHROPIC_API_KEY ?? 'sk-ant-your-key-here', // ok: secret-hardcoded
  slackToken: process.env.SLACK_BOT_TOKEN || 'xoxb-your-slack-token', // ok: secret-hardcoded
  db: process.env.PG_CONNECTION ?? 'postgres://postgres:postgres@localhost:5432/ops', // ok: secret-hardcoded
  escalationChannel: process.env.ESCALATION_CHANNEL ?? '#support-escalations', // expect: env-undocumented
};
