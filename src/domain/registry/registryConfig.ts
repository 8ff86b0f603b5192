import { z } from 'zod';
import { validate } from '../../platform/config/environment.js';

/** What a version must satisfy before it may enter a stage, checked on the server. */
export interface StageGate {
  /** Metric name → lowest accepted value (e.g. test_auc ≥ 0.85). */
  minimumMetrics: Record<string, number>;
  /** The approver must not be the person who created the run that trained the version. */
  distinctApprover: boolean;
  /** App roles allowed to assign the stage (enforced once callers carry roles). */
  roles: string[];
  /**
   * The version must have been registered from an evaluation (of this scheme, when named) whose
   * mean over folds reaches each minimum, e.g. LOSO mean test_auc ≥ 0.8: judged on many held-out
   * subjects instead of one test split.
   */
  minimumEvaluation?: { scheme?: string | undefined; means: Record<string, number> } | undefined;
}

export interface RegistryConfig {
  stages: string[];
  gates: Record<string, StageGate>;
}

const stageName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case stage names');

const gateSchema = z.object({
  minimumMetrics: z.record(z.string(), z.number()).default({}),
  distinctApprover: z.boolean().default(false),
  roles: z.array(z.string()).default([]),
  minimumEvaluation: z
    .object({ scheme: z.enum(['loso', 'kfold', 'split']).optional(), means: z.record(z.string(), z.number()) })
    .strict()
    .optional(),
});

const schema = z.object({
  REGISTRY_STAGES: z
    .string()
    .default('development,staging,production')
    .transform((text) => text.split(',').map((stage) => stage.trim()))
    .pipe(z.array(stageName).min(1)),
  REGISTRY_GATES: z
    .string()
    .default(
      JSON.stringify({
        production: { minimumMetrics: { test_auc: 0.85 }, distinctApprover: true, roles: ['ModelApprover'] },
      }),
    )
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(stageName, gateSchema)),
});

/**
 * The stage set and its gates. Defaults: development, staging, production, where production
 * needs test_auc ≥ 0.85 and an approver other than the run's creator. The design's own names
 * (training, pre-release) are one setting away: REGISTRY_STAGES=training,pre-release,production.
 */
export function parseRegistryConfig(environment: NodeJS.ProcessEnv): RegistryConfig {
  const values = validate(schema, environment);
  for (const stage of Object.keys(values.REGISTRY_GATES)) {
    if (!values.REGISTRY_STAGES.includes(stage)) {
      throw new Error(`REGISTRY_GATES names stage "${stage}", which is not in REGISTRY_STAGES.`);
    }
  }
  return { stages: values.REGISTRY_STAGES, gates: values.REGISTRY_GATES };
}
