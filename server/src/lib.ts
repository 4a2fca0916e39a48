/**
 * The library entry (dist/lib.js): what tests, the bench and the accuracy runner import. Not a public API.
 */
export * from './config';
export * from './engine';
export * from './scan';
export { WorkspaceIndex, buildModel, extractOne } from './model';
export { extractFile, FACTS_VERSION } from './model/extract';
export { ALL_COLLECTORS, ADAPTERS } from './model/collectors';
export { discover } from './model/discover';
export { ModuleResolver } from './model/resolver';
export { RULES, RULE_IDS } from '../../rules/index';
export { CHECKLIST } from '../../rules/checklist';
export type * from './model/types';
export type * from '../../rules/api';
