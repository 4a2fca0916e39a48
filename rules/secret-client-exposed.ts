/**
 * secret-client-exposed: A secret is exposed to the browser through a public env prefix, a client component or a built bundle.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const secretClientExposed = defineRule({
  meta: {
    id: 'secret-client-exposed',
    check: 'secrets',
    title: "Secret reaches the browser",
    description: "A secret is exposed to the browser through a public env prefix, a client component or a built bundle.",
    defaultSeverity: 'error',
    docs: 'rules/docs/secret-client-exposed.md',
    fixable: false,
  },
  detect: () => [],
});
