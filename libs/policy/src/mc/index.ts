export { McPrm } from './mc-prm';
export { MC_PRM_DEFAULTS } from './mc-config';
export type { IsCorrect, McPrmOptions } from './mc-config';
export { runRollouts, UsageMeter } from './rollout';
export type { RolloutOutcome, RolloutPlan, RolloutTarget } from './rollout';
export { MC_SPEC_PREFIX, createMcPrmFromSpec, isMcPrmSpec, parseMcPrmSpec } from './mc-spec';
export type { McPrmSpec } from './mc-spec';
