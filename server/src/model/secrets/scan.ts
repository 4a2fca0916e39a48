/**
 * Text scanner for secrets in source, config and bundles. OWNED BY the secrets work item: this first version knows
 * only PEM private keys so that the pipeline runs end to end.
 */
import type { LineMap } from '../span';
import type { SecretFact } from '../types';

export function scanSecrets(text: string, lines: LineMap): SecretFact[] {
  const out: SecretFact[] = [];
  for (const m of text.matchAll(/-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/g)) {
    const start = m.index ?? 0;
    out.push({ kind: 'pem-private-key', title: 'PEM private key', preview: '----…', span: lines.span(start, start + m[0].length), confidence: 'high' });
  }
  return out;
}
