import { z } from 'zod';

/**
 * The TensorFlow.js layers format as files: `model.json` (topology + weights manifest) and one `weights.bin`
 * of little-endian float32 values concatenated in manifest order. tf.loadLayersModel reads exactly this.
 */
export const WEIGHTS_FILE = 'weights.bin';

const weightEntrySchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.int().nonnegative()),
  dtype: z.literal('float32'),
});

export const layersModelJsonSchema = z.object({
  format: z.literal('layers-model'),
  generatedBy: z.string(),
  convertedBy: z.string().nullable(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(weightEntrySchema) })).length(1),
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type LayersModelJson = z.infer<typeof layersModelJsonSchema>;

export interface LayersModelFiles {
  modelJson: LayersModelJson;
  weightsBin: Uint8Array;
}

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export function composeLayersModelFiles(
  modelTopology: Record<string, unknown>,
  weights: NamedWeight[],
  generatedBy: string,
  userDefinedMetadata?: Record<string, unknown>,
): LayersModelFiles {
  const total = weights.reduce((sum, w) => sum + w.values.length, 0);
  const data = new Float32Array(total);
  let at = 0;
  for (const w of weights) {
    if (w.values.length !== w.shape.reduce((a, b) => a * b, 1)) {
      throw new RangeError(`weight ${w.name}: ${w.values.length} values do not fill shape [${w.shape.join(', ')}]`);
    }
    data.set(w.values, at);
    at += w.values.length;
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy,
      convertedBy: null,
      modelTopology,
      weightsManifest: [
        { paths: [WEIGHTS_FILE], weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })) },
      ],
      ...(userDefinedMetadata ? { userDefinedMetadata } : {}),
    },
    weightsBin: littleEndianBytes(data),
  };
}

/** The weights of the files by name, checking that the binary holds exactly what the manifest lists. */
export function readNamedWeights(files: LayersModelFiles): NamedWeight[] {
  const entries = files.modelJson.weightsManifest.flatMap((group) => group.weights);
  const values = float32FromLittleEndian(files.weightsBin);
  const weights: NamedWeight[] = [];
  let at = 0;
  for (const entry of entries) {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (at + size > values.length) throw new RangeError(`${WEIGHTS_FILE} ends before weight ${entry.name}`);
    weights.push({ name: entry.name, shape: entry.shape, values: values.slice(at, at + size) });
    at += size;
  }
  if (at !== values.length)
    throw new RangeError(`${WEIGHTS_FILE} holds ${values.length - at} values beyond the manifest`);
  return weights;
}

/** Parses and validates a model.json document. */
export function parseLayersModelJson(json: unknown): LayersModelJson {
  return layersModelJsonSchema.parse(json);
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function littleEndianBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  if (littleEndianHost) {
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  } else {
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setFloat32(i * 4, v, true);
    });
  }
  return bytes;
}

function float32FromLittleEndian(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`${WEIGHTS_FILE} is not a whole number of float32 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}
