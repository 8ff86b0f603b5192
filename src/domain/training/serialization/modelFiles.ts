import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLayersModelJson, WEIGHTS_FILE, type LayersModelFiles } from './layersFormat.js';

export const MODEL_JSON_FILE = 'model.json';

/** Writes model.json and weights.bin into `directory`, the layout `tf.loadLayersModel('file://…/model.json')` reads. */
export async function writeModelDirectory(directory: string, files: LayersModelFiles): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, WEIGHTS_FILE), files.weightsBin);
  await writeFile(join(directory, MODEL_JSON_FILE), JSON.stringify(files.modelJson));
}

export async function readModelDirectory(directory: string): Promise<LayersModelFiles> {
  const json: unknown = JSON.parse(await readFile(join(directory, MODEL_JSON_FILE), 'utf8'));
  const modelJson = parseLayersModelJson(json);
  const weightsBin = new Uint8Array(await readFile(join(directory, WEIGHTS_FILE)));
  return { modelJson, weightsBin };
}
