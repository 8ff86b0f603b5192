import { z } from 'zod';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { planSmote, type SmoteOptions, type SmotePlan, type WindowSet } from '../training/index.js';
import { readModelsBlob, runPaths, writeModelsBlob } from './checkpointStore.js';

/**
 * A run's SMOTE plan, made by its first epoch and reused by the others: the neighbour search takes
 * about 40 s for a dozen full-size subjects, longer than an epoch's training. The plan holds
 * window indices and interpolation steps, no signal values. It depends only on the run's pinned
 * window sets and seed, so a retried epoch that plans again writes the same bytes.
 */

const SMOTE_PLAN_FORMAT = 'smote-plan-v1';

const storedPlanSchema = z.object({
  format: z.literal(SMOTE_PLAN_FORMAT),
  seed: z.number().int(),
  originals: z.number().int().nonnegative(),
  minorityLabel: z.number(),
  /** Little-endian typed arrays, base64. */
  from: z.string(),
  towards: z.string(),
  gaps: z.string(),
});

export async function smotePlanOfRun(
  storage: StorageClients,
  runId: string,
  windows: WindowSet,
  options: SmoteOptions,
): Promise<SmotePlan> {
  const stored = await readModelsBlob(storage, runPaths.smotePlan(runId));
  if (stored !== undefined) return decodePlan(stored, runId, options.seed);
  const plan = planSmote(windows, options);
  await writeModelsBlob(storage, runPaths.smotePlan(runId), encodePlan(plan, options.seed), 'application/json');
  return plan;
}

function encodePlan(plan: SmotePlan, seed: number): Buffer {
  const base64 = (array: Int32Array | Float64Array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
  const stored: z.infer<typeof storedPlanSchema> = {
    format: SMOTE_PLAN_FORMAT,
    seed,
    originals: plan.originals,
    minorityLabel: plan.minorityLabel,
    from: base64(plan.from),
    towards: base64(plan.towards),
    gaps: base64(plan.gaps),
  };
  return Buffer.from(JSON.stringify(stored));
}

function decodePlan(content: Buffer, runId: string, seed: number): SmotePlan {
  const stored = storedPlanSchema.parse(JSON.parse(content.toString('utf8')));
  if (stored.seed !== seed) {
    throw new Error(`Run ${runId}: its stored SMOTE plan was made with seed ${stored.seed}, not ${seed}.`);
  }
  // Copied out of the decoded bytes so each array starts on its own aligned buffer.
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64')).buffer;
  const plan: SmotePlan = {
    originals: stored.originals,
    minorityLabel: stored.minorityLabel,
    from: new Int32Array(bytes(stored.from)),
    towards: new Int32Array(bytes(stored.towards)),
    gaps: new Float64Array(bytes(stored.gaps)),
  };
  const missing = plan.gaps.length;
  if (plan.from.length !== missing || plan.towards.length !== missing) {
    throw new Error(`Run ${runId}: its stored SMOTE plan's arrays differ in length.`);
  }
  return plan;
}
