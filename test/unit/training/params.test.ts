import { describe, expect, it } from 'vitest';
import { parseTrainingParams, signalShape } from '../../../src/domain/training/model/params.js';

describe('parseTrainingParams', () => {
  it('fills in the design defaults', () => {
    const params = parseTrainingParams({});
    expect(params).toMatchObject({
      learning_rate: 0.001,
      batch_size: 32,
      activation: 'relu',
      signals: ['EDA', 'BVP', 'TEMP', 'ACC'],
      kernel_size: 3,
      shuffle_buffer_size: 1024,
      kernel_regularizer: 0.0001,
    });
    expect(params.signals.map((signal) => signalShape(params, signal).length)).toEqual([32, 256, 32, 256]);
  });

  it('accepts [length, channels] for multi-axis signals', () => {
    expect(signalShape(parseTrainingParams({ input_shapes: { ACC: [256, 3] } }), 'ACC')).toEqual({
      length: 256,
      channels: 3,
    });
  });

  it.each([
    [{ learning_rate: 0 }, 'learning_rate'],
    [{ signals: [] }, 'signals'],
    [{ signals: ['EDA', 'EDA'] }, 'signals'],
    [{ activation: 'softmax' }, 'activation'],
    [{ kernel_size: 9, input_shapes: { EDA: 16 } }, 'input_shapes'],
    [{ batch_sise: 32 }, 'batch_sise'],
  ])('rejects %j naming %s', (input, field) => {
    expect(() => parseTrainingParams(input)).toThrow(field);
  });
});
