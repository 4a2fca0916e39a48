/**
 * JSON Web Tokens written as literals. The payload decides: a Supabase `service_role` key bypasses row-level
 * security (high), an `anon` key is public by design (ignored), any other token is a credential only when it is
 * assigned to a secret-ish name (medium), else low (sample tokens in docs and fixtures are common).
 */
import type { Confidence } from './patterns';
import { isSecretName } from './names';

export const JWT_PREFIX = 'eyJ';
export const JWT_RE = /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{16,1000}/g;

function payloadOf(token: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(token.split('.')[1], 'base64url').toString('utf8');
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function classifyJwt(token: string, assignedTo: string | undefined): { kind: string; title: string; confidence: Confidence } | undefined {
  const payload = payloadOf(token);
  if (!payload) return undefined;
  if (payload.role === 'anon') return undefined;
  if (payload.role === 'service_role') return { kind: 'supabase-service-role-key', title: 'Supabase service-role key', confidence: 'high' };
  return { kind: 'jwt-token', title: 'JSON Web Token', confidence: assignedTo && isSecretName(assignedTo) ? 'medium' : 'low' };
}
