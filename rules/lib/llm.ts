/**
 * LLM calls and LLM tool definitions as rules see them: which calls send text to a model (for validation-missing:
 * client input passed straight into a prompt), and the tool definitions recorded by the llm-tools collector
 * (server/src/model/collectors/llm-tools.ts) read back from `FileFacts.collected`.
 */
import type { CallFact, FileFacts } from '../api';
import { importedModule } from './calls';
import type { LlmToolFact, LlmToolsFacts } from '../../server/src/model/collectors/llm-tools';

const AI_SDK = /^(generateText|streamText|generateObject|streamObject)$/;
const METHODS = /(^|\.)(chat\.completions\.(create|stream|parse)|messages\.(create|stream)|responses\.(create|stream)|generateContent(Stream)?|sendMessage(Stream)?|invoke)$/;
const LLM_MODULE = /^(ai|openai|@anthropic-ai\/sdk|@google\/generative-ai|@google\/genai|groq-sdk|@mistralai\/mistralai|cohere-ai|ollama|@langchain\/[\w-]+|langchain(\/.*)?)$|(^|\/)(openai|anthropic|llm|ai)$/;
const LLM_ROOT = /^(openai|anthropic|claude|llm|groq|mistral|cohere|gemini|genai|ollama|chatModel|model|chain|agent|client)$/i;

/** The call sends a prompt to a model. */
export function isLlmCall(facts: FileFacts | undefined, call: CallFact): boolean {
  const mod = importedModule(facts, call.root);
  if (AI_SDK.test(call.callee)) return !mod || mod === 'ai';
  if (!METHODS.test(call.callee)) return false;
  return (!!mod && LLM_MODULE.test(mod)) || (!!call.root && LLM_ROOT.test(call.root) && call.callee.split('.').length > 2);
}

/** The LLM tool definitions of a file. */
export function toolsOf(facts: FileFacts | undefined): LlmToolFact[] {
  return (facts?.collected['llm-tools'] as LlmToolsFacts | undefined)?.tools ?? [];
}
