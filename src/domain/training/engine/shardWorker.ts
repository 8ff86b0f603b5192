import { parentPort, workerData } from 'node:worker_threads';
import { modelLayout } from '../model/architecture.js';
import type { WindowSet } from '../windows.js';
import { createNetwork } from './createNetwork.js';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardProtocol.js';
import { predictAll, trainShard } from './shardSteps.js';
import { describeError } from '../../../platform/errors/describeError.js';

/**
 * The second thread of the embedded engine: computes the gradient of the second half of each batch (and
 * predictions for the second half of large prediction sets) on its own copy of the network.
 */
const port = parentPort;
if (!port) throw new Error('shardWorker must run as a worker thread');
const { params, kernels, compiledKernels } = workerData as ShardWorkerData;
const { network, kernelName } = await createNetwork(modelLayout(params), params.batch_size, kernels, compiledKernels);
let windows: WindowSet | undefined;

const reply = (message: ShardReply): void => {
  port.postMessage(message);
};

port.on('message', (request: ShardRequest) => {
  try {
    switch (request.type) {
      case 'windows':
        windows = request.windows;
        return;
      case 'train': {
        if (!windows) throw new Error('no windows to train on');
        network.parameterView().set(request.parameters);
        const probabilities = new Float32Array(request.indices.length);
        const loss = trainShard(
          network,
          windows,
          request.indices,
          0,
          request.indices.length,
          request.dropout,
          probabilities,
          0,
        );
        reply({ type: 'trained', id: request.id, loss, gradients: network.gradientView().slice(), probabilities });
        return;
      }
      case 'predict':
        network.parameterView().set(request.parameters);
        reply({ type: 'predicted', id: request.id, probabilities: predictAll(network, request.windows) });
        return;
    }
  } catch (error) {
    reply({
      type: 'failed',
      id: 'id' in request ? request.id : -1,
      message: describeError(error),
    });
  }
});
reply({ type: 'ready', kernelName });
