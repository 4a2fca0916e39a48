import Anthropic from '@anthropic-ai/sdk';

export const apiUrl = import.meta.env.VITE_API_URL; // ok: secret-client-exposed

// Drafts replies straight from the browser to save a round trip.
export const anthropic = new Anthropic({ apiKey: import.meta.env.VITE_ANTHROPIC_API_KEY, dangerouslyAllowBrowser: true }); // expect: secret-client-exposed
