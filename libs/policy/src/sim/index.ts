export { SimPolicy, simPayloadOf, parseState } from './sim-policy';
export { SIM_POLICY_DEFAULTS, resolveSimPolicyConfig } from './sim-policy-config';
export type { SimPolicyConfig } from './sim-policy-config';
export { stepDistribution } from './step-outcomes';
export type { StepDistribution, StepOutcome, ErrorKind } from './step-outcomes';
export { softmaxAt, sampleCategorical, argmax } from './categorical';
