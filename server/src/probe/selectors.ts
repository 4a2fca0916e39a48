/**
 * DKIM selectors named in the workspace's email configuration (nodemailer's `dkim: { keySelector }`, or a
 * `selector` key inside a `dkim` block), so that the dkim check asks for the keys the app really signs with
 * before falling back to a list of common selectors.
 */
const DKIM_BLOCK = /dkim\w*\s*[:=]\s*\{([^{}]{0,400})\}/gi;
const SELECTOR = /\b(?:keySelector|selector)\s*:\s*['"`]([A-Za-z0-9][A-Za-z0-9._-]{0,62})['"`]/g;

export function selectorsInText(text: string): string[] {
  const out = new Set<string>();
  for (const block of text.matchAll(DKIM_BLOCK)) for (const m of block[1].matchAll(SELECTOR)) out.add(m[1]);
  return [...out];
}

/** Selectors across the given files; `read` returns a file's text (or undefined when it cannot be read). */
export function selectorsFromCode(files: string[], read: (file: string) => string | undefined): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const text = read(file);
    if (text && /dkim/i.test(text)) for (const s of selectorsInText(text)) out.add(s);
  }
  return [...out];
}
