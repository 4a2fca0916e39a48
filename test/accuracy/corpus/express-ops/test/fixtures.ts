// Recorded responses for contract tests; the key below is the documented Stripe test placeholder.
export const stripeKey = 'sk_test_XXXXXXXXXXXXXXXXXXXXXXXX'; // ok: secret-hardcoded
export const sampleJwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.signature'; // ok: secret-hardcoded
