/**
 * Everything the embedded engine needs to continue training exactly where it stopped: weights,
 * Adam's moments and step, and the two random streams (batch order and dropout).
 */
export interface TrainingCheckpoint {
  epochsDone: number;
  parameters: Float32Array;
  firstMoment: Float32Array;
  secondMoment: Float32Array;
  adamStep: number;
  shuffleState: number;
  dropoutState: number;
}

const magic = 'wesad-ckpt-1';

/** A checkpoint as bytes: a JSON header with the scalars and lengths, then the three float32 arrays. */
export function encodeCheckpoint(checkpoint: TrainingCheckpoint): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      magic,
      epochsDone: checkpoint.epochsDone,
      adamStep: checkpoint.adamStep,
      shuffleState: checkpoint.shuffleState,
      dropoutState: checkpoint.dropoutState,
      length: checkpoint.parameters.length,
    }),
  );
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(header.length);
  const arrays = [checkpoint.parameters, checkpoint.firstMoment, checkpoint.secondMoment].map((array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength),
  );
  return Buffer.concat([prefix, header, ...arrays]);
}

export function decodeCheckpoint(bytes: Buffer): TrainingCheckpoint {
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
    magic?: unknown;
    epochsDone: number;
    adamStep: number;
    shuffleState: number;
    dropoutState: number;
    length: number;
  };
  if (header.magic !== magic) throw new Error('Not a training checkpoint of this engine.');
  const start = 4 + headerLength;
  const array = (index: number): Float32Array => {
    const from = start + index * header.length * 4;
    return new Float32Array(Uint8Array.prototype.slice.call(bytes, from, from + header.length * 4).buffer);
  };
  return {
    epochsDone: header.epochsDone,
    adamStep: header.adamStep,
    shuffleState: header.shuffleState,
    dropoutState: header.dropoutState,
    parameters: array(0),
    firstMoment: array(1),
    secondMoment: array(2),
  };
}
