/**
 * Client keys that are public by design: they identify a project to a provider's browser SDK and can only send
 * events or read public data (Stripe/Clerk publishable keys, PostHog project keys, Segment/RudderStack write keys,
 * Amplitude/Mixpanel browser keys, Datadog RUM client tokens, Algolia search-only keys, Sentry DSNs, Firebase web
 * config, reCAPTCHA site keys, Supabase anon keys). Shipping them to browsers is how those SDKs work, so neither the
 * name nor the value is a secret. Their secret siblings (`sk_live_`, `phx_` personal keys, `*_SECRET_KEY`, Algolia
 * admin keys) never match.
 */

/** Names (whole env names, or the part after a public prefix, or camelCase properties) of public client keys. */
const PUBLIC_KEY_NAME = new RegExp(
  [
    'publishable', 'public[_-]?key', 'anon[_-]?key', 'site[_-]?key', 'pk[_-]', 'client[_-]?id', 'sentry[_-]?dsn', '^dsn$',
    'maps[_-]?api', 'firebase[_-]?api', 'recaptcha[_-]?site', 'measurement',
    // Analytics and monitoring ingestion keys: write-only by design.
    '(^|[_-]|[a-z])posthog[_-]?(project[_-]?)?(api[_-]?)?(key|token)$',
    '(segment|rudderstack|rudder)[_-]?(write[_-]?)?key$', 'write[_-]?key$',
    'amplitude[_-]?(api[_-]?)?key$', 'mixpanel[_-]?(project[_-]?)?token$',
    '(dd|datadog)[_-]?(rum[_-]?)?client[_-]?token$', 'algolia[_-]?search([_-]?only)?([_-]?api)?[_-]?key$',
  ].join('|'),
  'i',
);

/**
 * Values whose format says "public client key": Stripe/Clerk `pk_live_`/`pk_test_`, PostHog `phc_`, Mapbox `pk.`
 * tokens, and Sentry DSNs (`https://<public key>@o1.ingest.sentry.io/2`, whose key part is public).
 */
const PUBLIC_KEY_VALUE = /^(pk_(live|test)_[A-Za-z0-9$_]{8,}|phc_[A-Za-z0-9]{16,}|pk\.eyJ[\w.-]+|https?:\/\/[0-9a-f]{32}@[\w.-]*sentry\.io\/\d+)$/;

export function isPublicKeyName(name: string): boolean {
  return PUBLIC_KEY_NAME.test(name);
}

export function isPublicKeyValue(value: string): boolean {
  return PUBLIC_KEY_VALUE.test(value);
}
