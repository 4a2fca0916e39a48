/**
 * What a subclassed rate limiter is keyed by when it overrides its key method: `class UserThrottlerGuard extends
 * ThrottlerGuard { getTracker(req) { return req.user?.sub ?? req.ip } }` limits per user, not per IP. Read from the
 * override's return values, so any user/tenant/key expression counts, not one spelling.
 */
import { keyedByNames } from './taint/behaviour';
import type { FileFacts, Protection } from './types';

/** Key methods of limiter base classes (@nestjs/throttler `getTracker`/`generateKey`, custom `keyGenerator`). */
const KEY_METHOD = /\.(getTracker|generateKey|keyGenerator|getKey)$/;

/** The overridden key's kind, or undefined when the class keeps the base class's key. */
export function overriddenKey(facts: FileFacts | undefined, className: string): Protection['keyedBy'] | undefined {
  const methods = facts?.functions.filter((f) => f.className === className && KEY_METHOD.test(f.name ?? '')) ?? [];
  if (!methods.length) return undefined;
  const returns = methods.flatMap((m) => m.returns);
  const key = keyedByNames(returns.flatMap((r) => r.names), returns.flatMap((r) => r.sources));
  // An override whose key we cannot read still replaces the per-IP default: say 'custom', never 'ip' by inheritance.
  return key === 'unknown' ? 'custom' : key;
}
