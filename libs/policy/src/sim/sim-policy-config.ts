/**
 * Knobs of the simulated multimodal policy. Rates are the probability mass of an error type on
 * one step at capability 0 and temperature 1; each scales with (1 - capability). Defaults are
 * calibrated so that on the default synth mix greedy decoding is right on roughly half the
 * questions and sampling finds a right path on most (see sim-calibration.spec.ts).
 */
export interface SimPolicyConfig {
  /** Policy name reported in traces. */
  name: string;
  /** Overall skill in [0, 1]: 1 never errs, 0 errs at the full base rates. */
  capability: number;
  /** Misreading a bar by 1-2 units / miscounting by 1, per perception step. */
  perceptionErrorRate: number;
  /** Counting or reading the wrong entity (another colour or shape, another bar). */
  entityErrorRate: number;
  /** Stating a wrong result for a right operation. */
  arithmeticErrorRate: number;
  /** Applying the wrong operation (or swapping the operands of a subtraction). */
  operationErrorRate: number;
  /** Declaring the wrong winner of a comparison. */
  compareErrorRate: number;
  /**
   * Share of (question, step) pairs whose MOST LIKELY outcome is wrong (a systematic error of the
   * model, which greedy decoding always makes), at capability 0.
   */
  systematicShare: number;
  /** On a systematic step: probability of the wrong mode at temperature 1. */
  systematicModeMass: number;
  /** On a systematic step: probability of the correct outcome at temperature 1 (below the mode). */
  systematicCorrectMass: number;
  /** Artificial delay per propose call in ms (to exercise concurrency); 0 = none. */
  latencyMs: number;
}

export const SIM_POLICY_DEFAULTS: SimPolicyConfig = {
  /** Shown in traces and cost records. */
  name: 'sim',
  /** Calibrated: greedy ~45-50% on the default synth mix (sim-calibration.spec.ts). */
  capability: 0.6,
  /** Perception is the hardest part for real VLMs, so it is the most frequent slip (0.18 at capability 0.6). */
  perceptionErrorRate: 0.45,
  /** Confusing entities is rarer than misjudging one (0.04 at capability 0.6). */
  entityErrorRate: 0.1,
  /** Wrong results of right operations (0.12 at capability 0.6). */
  arithmeticErrorRate: 0.3,
  /** Wrong operations (0.04 at capability 0.6). */
  operationErrorRate: 0.1,
  /** Wrong winners of comparisons (0.10 at capability 0.6). */
  compareErrorRate: 0.25,
  /** 0.2 of (question, step) pairs are systematic at capability 0.6: greedy fails ~half the questions. */
  systematicShare: 0.5,
  /** A clear but not overwhelming wrong mode, as a confidently wrong model has. */
  systematicModeMass: 0.5,
  /** High enough that sampling finds the right step often (pass@8 ~90%). */
  systematicCorrectMass: 0.35,
  /** No artificial delay by default. */
  latencyMs: 0,
};

/** Defaults overridden by `partial`, validated. */
export function resolveSimPolicyConfig(partial: Partial<SimPolicyConfig> = {}): SimPolicyConfig {
  // Keys set to undefined (an optional CLI flag left out) keep their defaults.
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const config: SimPolicyConfig = { ...SIM_POLICY_DEFAULTS, ...given };
  const unit = ['capability', 'perceptionErrorRate', 'entityErrorRate', 'arithmeticErrorRate', 'operationErrorRate', 'compareErrorRate', 'systematicShare', 'systematicModeMass', 'systematicCorrectMass'] as const;
  for (const key of unit) {
    const v = config[key];
    if (!(v >= 0 && v <= 1)) throw new Error(`sim policy config: ${key} must be in [0, 1], got ${v}`);
  }
  if (config.systematicCorrectMass >= config.systematicModeMass) {
    throw new Error('sim policy config: systematicCorrectMass must be below systematicModeMass (else the mode is right)');
  }
  if (config.systematicModeMass + config.systematicCorrectMass > 1) {
    throw new Error('sim policy config: systematicModeMass + systematicCorrectMass must not exceed 1');
  }
  if (!(config.latencyMs >= 0)) throw new Error(`sim policy config: latencyMs must be >= 0, got ${config.latencyMs}`);
  return config;
}
