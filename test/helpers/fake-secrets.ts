/**
 * Deterministic fake key material for secret tests. Values are built at run time, so that this repository never
 * holds a string that looks like a real credential to other scanners (or to GitHub push protection).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` pseudo-random characters from `alphabet`, the same for the same seed. */
export function randomChars(length: number, seed = 7, alphabet = ALPHABET): string {
  let x = seed * 2654435761;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >> 8) % alphabet.length];
  }
  return out;
}

export const hex = (length: number, seed = 3) => randomChars(length, seed, '0123456789abcdef');

export const FAKE = {
  openai: () => 'sk-' + 'proj-' + randomChars(48, 1),
  anthropic: () => 'sk-' + 'ant-api03-' + randomChars(90, 2),
  awsId: () => 'AKIA' + randomChars(16, 3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  awsSecret: () => randomChars(38, 4) + '/+',
  stripeLive: () => 'sk_' + 'live_' + randomChars(40, 5),
  stripeTest: () => 'sk_' + 'test_' + randomChars(40, 6),
  whsec: () => 'wh' + 'sec_' + randomChars(32, 7),
  github: () => 'gh' + 'p_' + randomChars(36, 8),
  githubPat: () => 'github_' + 'pat_' + randomChars(82, 9),
  slack: () => 'xo' + 'xb-' + randomChars(10, 30, '0123456789') + '-' + randomChars(24, 10),
  slackHook: () => 'https://hooks.' + 'slack.com/services/T' + randomChars(8, 11, 'ABCDEFGHJK0123456789') + '/B' + randomChars(8, 12, 'ABCDEFGHJK0123456789') + '/' + randomChars(24, 13),
  google: () => 'AI' + 'za' + randomChars(35, 14),
  sendgrid: () => 'S' + 'G.' + randomChars(22, 15) + '.' + randomChars(43, 16),
  twilioKey: () => 'S' + 'K' + hex(32, 17),
  pem: () => '-----BEGIN ' + 'PRIVATE KEY-----\\n' + randomChars(64, 18) + '\\n' + randomChars(64, 19) + '\\n-----END PRIVATE KEY-----',
  dbUrl: () => 'postgres://app_user:' + randomChars(20, 20) + '@db.prod.internal:5432/app',
  entropy: () => randomChars(32, 21),
};
