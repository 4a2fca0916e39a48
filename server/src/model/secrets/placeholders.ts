/**
 * Values that stand in for a secret rather than being one: documentation placeholders, template expressions,
 * masked or repeated characters, well-known example keys. A finding on these would be noise.
 */

const PLACEHOLDER_WORDS =
  /your[-_ ]?|xxx|changeme|change[-_]me|example|dummy|placeholder|replace|insert|redacted|sample|fake|mock|foobar|<[^>]*>|\$\{|\{\{|\*\*\*|\.\.\.|…|todo|fixme|lorem|notreal|not[-_]a[-_]real/i;

/** Whether a candidate value is a placeholder. `minLength` is the shortest real value of the kind. */
export function isPlaceholder(value: string, minLength = 8): boolean {
  if (value.length < minLength) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (/^\$|^%|^process\.env|^env\(/.test(value)) return true;
  // Alphabets and counting sequences (base64 tables, docs) are not keys.
  if (/ABCDEFGH|abcdefgh|01234567|12345678/.test(value)) return true;
  return isRepetitive(value);
}

/** `aaaaaaaa`, `12341234…`, `sk-000000…`: few distinct characters after a prefix. */
export function isRepetitive(value: string): boolean {
  const body = value.replace(/^[a-z]{2,4}[-_](?:[a-z]+[-_])?/i, '');
  if (body.length < 8) return false;
  const distinct = new Set(body).size;
  return distinct <= 3 || distinct / body.length < 0.12;
}

/** Passwords that mean "not configured": a local database URL with these is a dev default, not a leak. */
export function isDefaultPassword(value: string): boolean {
  return /^(password|pass|passwd|postgres|mysql|root|admin|secret|test|guest|user|dev|local|changeme|example)$/i.test(value);
}
