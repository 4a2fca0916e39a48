/**
 * Shannon entropy and "does this look random" checks for candidate secret values. Used by the generic detector
 * (secret-ish name = random-looking literal) and to reject low-information matches of provider patterns.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lower case, upper case and digits the value mixes. */
export function charClasses(value: string): number {
  return (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/[0-9]/.test(value) ? 1 : 0);
}

/**
 * Whether a value assigned to a secret-ish name looks like generated key material rather than a word, an
 * identifier or a setting. Hex keys have a smaller alphabet, so they get a lower entropy bar but must be longer.
 * Returns the confidence, or undefined when the value does not look random enough.
 */
export function randomness(value: string): 'medium' | 'low' | undefined {
  if (value.length < 16) return undefined;
  const entropy = shannonEntropy(value);
  if (/^[0-9a-f]+$/i.test(value)) {
    if (value.length < 32 || entropy < 3.0) return undefined;
    return entropy >= 3.4 ? 'medium' : 'low';
  }
  // Identifiers and phrases (`session_cookie_name`, `Authorization`) are not keys.
  if (charClasses(value) < 2 || !/[0-9]/.test(value)) return undefined;
  if (entropy < 3.5) return undefined;
  return entropy >= 4.0 && value.length >= 20 ? 'medium' : 'low';
}

/**
 * Passwords are short and human-made: no entropy bar, but not a word, identifier, path or message either. A value
 * made mostly of letter runs (`password_too_weak`, `ResetPasswordStart`) is a label, not a password.
 */
export function looksLikePassword(value: string): boolean {
  if (value.length < 8 || /[\s/]/.test(value) || !/[A-Za-z]/.test(value) || !/[^A-Za-z]/.test(value)) return false;
  if (shannonEntropy(value) < 2.5) return false;
  const letterRuns = value.match(/[A-Za-z]{4,}/g)?.join('').length ?? 0;
  return letterRuns / value.length < 0.8 || /[!@#$%^&*+=?~]/.test(value);
}
