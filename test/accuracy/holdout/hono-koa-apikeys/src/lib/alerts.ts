// Posts to #answerdesk-alerts when the upstream model keeps failing.
const ALERT_HOOK = '__FAKE_slackHook__'; // expect: secret-hardcoded

export async function alert(text: string) {
  await fetch(ALERT_HOOK, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
}
