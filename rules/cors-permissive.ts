/**
 * cors-permissive: CORS allows any or a reflected origin on a credentialed/private API.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const corsPermissive = defineRule({
  meta: {
    id: 'cors-permissive',
    check: 'cors',
    title: "Permissive CORS",
    description: "CORS allows any or a reflected origin on a credentialed/private API.",
    defaultSeverity: 'error',
    docs: 'rules/docs/cors-permissive.md',
    fixable: true,
  },
  detect: () => [],
});
