import { describe, expect, it } from 'vitest';
import { EmbeddedModel } from '../../../src/domain/training/engine/embeddedModel.js';
import { weightSize } from '../../../src/domain/training/model/architecture.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

// tanh keeps the loss smooth. relu (whose derivative the kernels fuse) has kinks: where a step crosses one on
// one side, the analytic gradient must still equal the one-sided difference on the other side.
const paramsFor = (activation: 'tanh' | 'relu') =>
  parseTrainingParams({
    activation,
    signals: ['EDA', 'ACC'],
    input_shapes: { EDA: 12, ACC: [14, 3] },
    batch_size: 4,
    seed: 11,
  });

describe.each(['js', 'wasm'] as const)('the backward pass (%s kernels)', (kernels) => {
  it.each(['tanh', 'relu'] as const)(
    'matches finite differences of the loss for every weight (%s)',
    async (activation) => {
      const params = paramsFor(activation);
      const model = await EmbeddedModel.create(params, { kernels });
      expect(model.kernelName).toBe(kernels);
      const network = model.internals;
      const windows = syntheticWindows(params, 4);
      const order = [0, 1, 2, 3];
      const loss = (): number => {
        network.loadBatch(windows, order, 0, 4);
        network.forward();
        return network.backward(windows.labels, order, 0);
      };
      network.gradientView().fill(0);
      const baseLoss = loss();
      const analytic = network.gradientView().slice();
      const parameters = network.parameterView();
      const h = 1e-3;
      for (const spec of model.layout.weights) {
        const base = network.weightOffsets.get(spec.name) ?? 0;
        // A spread of entries per weight keeps the check fast while touching every layer.
        for (let i = 0; i < weightSize(spec); i += Math.max(1, Math.floor(weightSize(spec) / 7))) {
          const at = base + i;
          const original = parameters[at] ?? 0;
          parameters[at] = original + h;
          const up = loss();
          parameters[at] = original - h;
          const down = loss();
          parameters[at] = original;
          const central = (up - down) / (2 * h);
          const matches = (numeric: number, tolerance: number) =>
            Math.abs((analytic[at] ?? 0) - numeric) < tolerance + 2e-3 * Math.abs(numeric);
          const oneSided =
            activation === 'relu' && (matches((up - baseLoss) / h, 5e-5) || matches((baseLoss - down) / h, 5e-5));
          expect(matches(central, 2e-5) || oneSided, `${spec.name}[${i}]: ${analytic[at]} vs ${central}`).toBe(true);
        }
      }
    },
  );
});
