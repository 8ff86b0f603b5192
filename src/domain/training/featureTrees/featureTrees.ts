import type { XGBoostBooster, XGBoostClass, XGBoostDocument } from 'ml-xgboost';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { SIGNALS, type Signal } from '../model/params.js';
import type { WindowSet } from '../windows.js';
import { featureNames, wristFeatures } from './wristFeatures.js';

/** The boosted trees' hyper-parameters (a run's params of the `feature-trees` family). */
export interface FeatureTreesOptions {
  rounds: number;
  maxDepth: number;
  learningRate: number;
  /** The share of windows each round sees. */
  subsample: number;
  /** The share of features each tree sees. */
  featureShare: number;
  seed: number;
}

const optionsSchema = z.object({
  rounds: z.int().positive(),
  maxDepth: z.int().positive(),
  learningRate: z.number().positive(),
  subsample: z.number().positive().max(1),
  featureShare: z.number().positive().max(1),
  seed: z.int(),
});

const artifactSchema = z.object({
  family: z.literal('feature-trees'),
  signals: z.array(z.enum(SIGNALS)).min(1),
  featureNames: z.array(z.string()),
  options: optionsSchema,
  /** The library's own document (booster bytes and options), kept as it wrote it. */
  booster: z.object({
    name: z.literal('ml-xgboost'),
    model: z.array(z.int().min(-128).max(127)).min(1),
    options: z.record(z.string(), z.unknown()),
  }),
});
export type FeatureTreesArtifact = z.infer<typeof artifactSchema>;

let library: Promise<XGBoostClass> | undefined;

/**
 * Loaded on first use: the WebAssembly module costs start-up time no other model needs. The
 * package is CommonJS whose export is the promise itself; `require` hands it over as it is,
 * where an ES import's interop may wrap it.
 */
function xgboost(): Promise<XGBoostClass> {
  library ??= createRequire(import.meta.url)('ml-xgboost') as Promise<XGBoostClass>;
  return library;
}

/**
 * The WESAD paper's feature baseline (Schmidt et al. 2018 trained a random forest on statistical
 * wrist features; this uses gradient-boosted trees, XGBoost in mljs' WebAssembly build, over the
 * same kind of features: wristFeatures.ts). Predictions are P(stress) from the logistic objective.
 * The booster lives in WebAssembly memory: `dispose` frees it.
 */
export class FeatureTrees {
  private constructor(
    private readonly booster: XGBoostBooster,
    readonly signals: readonly Signal[],
    readonly options: FeatureTreesOptions,
  ) {}

  static async train(
    windows: WindowSet,
    signals: readonly Signal[],
    options: FeatureTreesOptions,
  ): Promise<FeatureTrees> {
    const labels = Array.from(windows.labels, (label) => (label >= 0.5 ? 1 : 0));
    if (new Set(labels).size < 2) throw new RangeError('The training windows hold one class only.');
    const XGBoost = await xgboost();
    const booster = new XGBoost({
      booster: 'gbtree',
      objective: 'binary:logistic',
      iterations: options.rounds,
      max_depth: options.maxDepth,
      eta: options.learningRate,
      subsample: options.subsample,
      colsample_bytree: options.featureShare,
      min_child_weight: 1,
      silent: 1,
      seed: options.seed,
    });
    booster.train(rowsOf(windows, signals), labels);
    return new FeatureTrees(booster, signals, options);
  }

  static async fromArtifact(json: unknown): Promise<FeatureTrees> {
    const artifact = artifactSchema.parse(json);
    if (featureNames(artifact.signals).join() !== artifact.featureNames.join())
      throw new Error('The trees were trained on other features than this version computes.');
    const XGBoost = await xgboost();
    const document: XGBoostDocument = artifact.booster;
    return new FeatureTrees(XGBoost.load(document), artifact.signals, artifact.options);
  }

  /** P(stress) per window. */
  predict(windows: WindowSet): Promise<Float32Array> {
    if (windows.count === 0) return Promise.resolve(new Float32Array(0));
    return Promise.resolve(Float32Array.from(this.booster.predict(rowsOf(windows, this.signals))));
  }

  toArtifact(): FeatureTreesArtifact {
    const document = this.booster.toJSON();
    return {
      family: 'feature-trees',
      signals: [...this.signals],
      featureNames: featureNames(this.signals),
      options: this.options,
      booster: { name: document.name, model: document.model, options: document.options },
    };
  }

  dispose(): Promise<void> {
    this.booster.free();
    return Promise.resolve();
  }
}

function rowsOf(windows: WindowSet, signals: readonly Signal[]): number[][] {
  const flat = wristFeatures(windows, signals);
  const width = featureNames(signals).length;
  return Array.from({ length: windows.count }, (_, row) => Array.from(flat.subarray(row * width, (row + 1) * width)));
}
