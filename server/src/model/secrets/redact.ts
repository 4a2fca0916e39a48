/**
 * The only way a secret value leaves the scanner: its first few characters and its length. Short values show fewer
 * characters (at most a quarter of them), so that a redacted password never gives most of it away.
 */

/** `sk-p…(51 chars)`: at most the first 4 characters, then the length. */
export function redact(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}

/** `sk-p…, 51 chars`: the preview in the form messages use inside parentheses. */
export function previewForMessage(preview: string): string {
  return preview.replace(/…\((\d+) chars\)$/, '…, $1 chars');
}
