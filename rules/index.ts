/**
 * The explicit, sorted rule registry. A rule that is not listed here does not run; the registry test checks that
 * every rule file is listed, documented and tested.
 */
import type { Rule } from './api';
import { authMissing } from './auth-missing';
import { authzMissing } from './authz-missing';
import { corsPermissive } from './cors-permissive';
import { envFileCommitted } from './env-file-committed';
import { envUndocumented } from './env-undocumented';
import { errorLeak } from './error-leak';
import { handoverMissing } from './handover-missing';
import { healthMissing } from './health-missing';
import { llmToolAuthz } from './llm-tool-authz';
import { logSensitive } from './log-sensitive';
import { monitoringMissing } from './monitoring-missing';
import { ratelimitMissing } from './ratelimit-missing';
import { secretClientExposed } from './secret-client-exposed';
import { secretHardcoded } from './secret-hardcoded';
import { secretInHistory } from './secret-in-history';
import { validationMissing } from './validation-missing';
import { webhookUnverified } from './webhook-unverified';

export const RULES: Readonly<Record<string, Rule<any>>> = {
  'auth-missing': authMissing,
  'authz-missing': authzMissing,
  'cors-permissive': corsPermissive,
  'env-file-committed': envFileCommitted,
  'env-undocumented': envUndocumented,
  'error-leak': errorLeak,
  'handover-missing': handoverMissing,
  'health-missing': healthMissing,
  'llm-tool-authz': llmToolAuthz,
  'log-sensitive': logSensitive,
  'monitoring-missing': monitoringMissing,
  'ratelimit-missing': ratelimitMissing,
  'secret-client-exposed': secretClientExposed,
  'secret-hardcoded': secretHardcoded,
  'secret-in-history': secretInHistory,
  'validation-missing': validationMissing,
  'webhook-unverified': webhookUnverified,
};

export const RULE_IDS = Object.keys(RULES);
