import { parseTrainingParams, type TrainingParams } from '../model/params.js';
import type { LayersModelFiles } from '../serialization/layersFormat.js';

/** Where every backend keeps the run's params inside model.json, so a loaded model knows its architecture. */
export const PARAMS_METADATA_KEY = 'trainingParams';

export function paramsMetadata(params: TrainingParams): Record<string, unknown> {
  return { [PARAMS_METADATA_KEY]: params };
}

/** The params a saved model was trained with, from its metadata. */
export function paramsOf(files: LayersModelFiles): TrainingParams {
  const stored = files.modelJson.userDefinedMetadata?.[PARAMS_METADATA_KEY];
  if (stored === undefined) throw new Error(`model.json lacks userDefinedMetadata.${PARAMS_METADATA_KEY}`);
  return parseTrainingParams(stored);
}
