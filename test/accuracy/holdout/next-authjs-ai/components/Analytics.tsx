'use client';
import posthog from 'posthog-js';

// PostHog project keys are public by design (write-only ingestion key).
posthog.init(process.env.NEXT_PUBLIC_POSTHOG_KEY!, { api_host: 'https://eu.posthog.com' }); // ok: secret-client-exposed // expect: env-undocumented

export function Analytics() {
  return null;
}
