import type { BackendName, StressModel, TrainingBackend } from './backends/types.js';
import type { LayersModelFiles } from './serialization/layersFormat.js';
import { describeError } from '../../platform/errors/describeError.js';

export type BackendPreference = 'auto' | BackendName;

export interface BackendChoice {
  backend: TrainingBackend;
  /** Why this backend was chosen, e.g. that tfjs-node failed to load and with what error; for the run record. */
  reason: string;
}

/**
 * Kept in a variable so TypeScript does not resolve it: tfjs-node is optional (its installer downloads
 * libtensorflow, which fails on machines without network access) and absent from most installs.
 */
const TFJS_NODE_MODULE = '@tensorflow/tfjs-node';

/**
 * tfjs and the tfjs backend are imported when a tfjs backend is chosen, not when this module loads:
 * every function of the app reaches this module (through the run request's params schema), and
 * loading tfjs costs every cold start time and memory that only training and prediction need.
 */
const loadTfjs = () => import('@tensorflow/tfjs');
const loadTfjsBackend = async () => (await import('./backends/tfjsBackend.js')).tfjsBackend;
/** The embedded engine too (about 20 modules and its WebAssembly), for the same reason. */
const loadEmbeddedBackend = async () => (await import('./backends/embeddedBackend.js')).embeddedBackend;

/**
 * The training backend to use: with `auto`, tfjs-node when it loads (it registers the native `tensorflow`
 * backend with the same tfjs engine), else the embedded engine. Asking for `tfjs-node` explicitly throws when it
 * cannot load.
 */
export async function chooseTrainingBackend(
  preference: BackendPreference = 'auto',
  loadNative: () => Promise<string | undefined> = loadTfjsNode,
): Promise<BackendChoice> {
  if (preference === 'embedded') return { backend: (await loadEmbeddedBackend())(), reason: 'requested' };
  if (preference === 'tfjs-cpu') {
    await (await loadTfjs()).setBackend('cpu');
    return { backend: (await loadTfjsBackend())('tfjs-cpu'), reason: 'requested' };
  }
  const failure = await loadNative();
  if (failure === undefined) {
    return { backend: (await loadTfjsBackend())('tfjs-node'), reason: 'tfjs-node loaded' };
  }
  if (preference === 'tfjs-node') throw new Error(`tfjs-node is unavailable: ${failure}`);
  return {
    backend: (await loadEmbeddedBackend())(),
    reason: `tfjs-node is unavailable (${failure}); using the embedded engine`,
  };
}

/** Loads tfjs-node and activates its backend; returns why not when that fails. */
export async function loadTfjsNode(): Promise<string | undefined> {
  try {
    await import(TFJS_NODE_MODULE);
    if (!(await (await loadTfjs()).setBackend('tensorflow'))) return 'its tensorflow backend did not initialise';
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** Saved model files on the chosen backend, whichever backend trained them (the format is the same). */
export async function loadStressModel(
  files: LayersModelFiles,
  preference: BackendPreference = 'auto',
): Promise<StressModel> {
  const { backend } = await chooseTrainingBackend(preference);
  return backend.load(files);
}
