/**
 * llm-tool-authz: An LLM tool reads or changes customer data with model-supplied arguments and no scoping by the caller's tenant or user.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const llmToolAuthz = defineRule({
  meta: {
    id: 'llm-tool-authz',
    check: 'ai-tools',
    title: "LLM tool without caller authorization",
    description: "An LLM tool reads or changes customer data with model-supplied arguments and no scoping by the caller's tenant or user.",
    defaultSeverity: 'error',
    docs: 'rules/docs/llm-tool-authz.md',
    fixable: false,
  },
  detect: () => [],
});
