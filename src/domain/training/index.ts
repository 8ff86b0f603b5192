/**
 * The training package's public surface: params, backends (train / load / predict / save), evaluation,
 * SMOTE and the model files. The orchestration and HTTP layers import from here only. Nothing here
 * imports tfjs or the embedded engine when it loads (tfjsBackend, embeddedBackend and buildLayersModel
 * are imported from their own modules, on demand), so a function that never runs a model never loads
 * them.
 */
export { chooseTrainingBackend, loadStressModel, type BackendChoice, type BackendPreference } from './backends.js';
export type {
  BackendName,
  EpochLog,
  StressModel,
  TrainedModel,
  TrainingBackend,
  TrainOptions,
} from './backends/types.js';
export { evaluateModel } from './evaluate.js';
export {
  binaryCrossEntropy,
  classificationMetrics,
  type ClassificationMetrics,
} from './metrics/classificationMetrics.js';
export { confusionMatrix, DECISION_THRESHOLD, type ConfusionMatrix } from './metrics/confusion.js';
export { rocAuc, rocCurve, type RocPoint } from './metrics/roc.js';
export {
  parseTrainingParams,
  SIGNALS,
  signalShape,
  trainingParamsSchema,
  type Signal,
  type TrainingParams,
  type TrainingParamsInput,
} from './model/params.js';
export { parseLayersModelJson, type LayersModelFiles, type LayersModelJson } from './serialization/layersFormat.js';
export { MODEL_JSON_FILE, readModelDirectory, writeModelDirectory } from './serialization/modelFiles.js';
export { applySmotePlan, planSmote, smote, type SmoteOptions, type SmotePlan } from './smote.js';
export { assertWindowsFit, selectWindows, type WindowSet } from './windows.js';
