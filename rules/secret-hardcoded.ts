/**
 * secret-hardcoded: A credential, API key, private key or signing secret is written in source or config.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const secretHardcoded = defineRule({
  meta: {
    id: 'secret-hardcoded',
    check: 'secrets',
    title: "Hard-coded secret",
    description: "A credential, API key, private key or signing secret is written in source or config.",
    defaultSeverity: 'error',
    docs: 'rules/docs/secret-hardcoded.md',
    fixable: true,
  },
  detect: () => [],
});
