import { z } from 'zod';

/** The wrist signals a model can read, in the order their branches are concatenated. */
export const SIGNALS = ['EDA', 'BVP', 'TEMP', 'ACC'] as const;
export type Signal = (typeof SIGNALS)[number];

export const ACTIVATIONS = ['relu', 'elu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** A window length, or `[length, channels]` for multi-axis signals such as 3-axis ACC. */
const signalShapeSchema = z.union([z.int().positive(), z.tuple([z.int().positive(), z.int().positive()])]);

/** Model families a run can train: the CNN, or the WESAD paper's statistical features with boosted trees. */
export const MODEL_FAMILIES = ['cnn', 'feature-trees'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

export const DEFAULT_INPUT_SHAPES = { EDA: 32, BVP: 256, TEMP: 32, ACC: 256 } as const;

/** The hyper-parameters of a training run, with the design's defaults. */
export const trainingParamsSchema = z
  .object({
    learning_rate: z.number().positive().default(0.001),
    epochs: z.int().positive().default(10),
    batch_size: z.int().positive().default(32),
    activation: z.enum(ACTIVATIONS).default('relu'),
    signals: z
      .array(z.enum(SIGNALS))
      .min(1)
      .default([...SIGNALS]),
    kernel_size: z.int().positive().default(3),
    shuffle_buffer_size: z.int().positive().default(1024),
    kernel_regularizer: z.number().nonnegative().default(0.0001),
    input_shapes: z
      .object({ EDA: signalShapeSchema, BVP: signalShapeSchema, TEMP: signalShapeSchema, ACC: signalShapeSchema })
      .partial()
      .default({}),
    seed: z.int().default(42),
    /** The model family: the CNN (when absent) or the WESAD paper's feature baseline (featureTrees/). */
    family: z.enum(MODEL_FAMILIES).optional(),
    /** Boosting rounds of the feature baseline (100 when absent). */
    rounds: z.int().min(1).max(1000).optional(),
    /** Depth of each boosted tree (4 when absent). */
    max_depth: z.int().min(1).max(16).optional(),
  })
  .strict()
  .superRefine((params, ctx) => {
    if (new Set(params.signals).size !== params.signals.length) {
      ctx.addIssue({ code: 'custom', path: ['signals'], message: 'each signal may appear once' });
    }
    for (const signal of params.signals) {
      const { length } = signalShape(params, signal);
      // Two valid convolutions and a pooling must leave at least one time step.
      const afterConvolutions = Math.floor((length - params.kernel_size + 1) / 2) - params.kernel_size + 1;
      if (afterConvolutions < 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['input_shapes', signal],
          message: `a ${signal} window of ${length} samples is too short for kernel_size ${params.kernel_size}`,
        });
      }
    }
  });

export type TrainingParamsInput = z.input<typeof trainingParamsSchema>;
export type TrainingParams = z.output<typeof trainingParamsSchema>;

export interface SignalShape {
  length: number;
  channels: number;
}

/** The window shape of one signal: the run's override, else the design default, one channel unless given. */
export function signalShape(params: Pick<TrainingParams, 'input_shapes'>, signal: Signal): SignalShape {
  const shape = params.input_shapes[signal] ?? DEFAULT_INPUT_SHAPES[signal];
  return typeof shape === 'number' ? { length: shape, channels: 1 } : { length: shape[0], channels: shape[1] };
}

/** Epochs a run trains: the CNN its `epochs`; the feature baseline's trees train in one pass whatever `epochs` says (so a sweep can set both families side by side). */
export function trainingEpochs(params: Pick<TrainingParams, 'family' | 'epochs'>): number {
  return params.family === 'feature-trees' ? 1 : params.epochs;
}

/** Validates run params and fills in defaults; throws a ZodError naming each bad field. */
export function parseTrainingParams(input: unknown): TrainingParams {
  return trainingParamsSchema.parse(input);
}
