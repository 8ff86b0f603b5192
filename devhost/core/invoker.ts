import { randomUUID } from 'node:crypto';
import { toError } from './describeError.js';
import type { FunctionCatalog, HostLogger, RegisteredFunction } from './functionCatalog.js';
import type {
  CoreInvocationContext,
  FunctionCallback,
  RpcBinding,
  RpcInvocationResponse,
  RpcParameterBinding,
  RpcTypedData,
} from './coreTypes.js';

export interface InvocationInput {
  /** The trigger's data; other inputs (e.g. a durable client) go in `extraInputs` by binding key. */
  trigger: RpcTypedData | undefined;
  extraInputs?: RpcParameterBinding[];
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: { retryCount: number; maxRetryCount: number };
}

/** Supplies the data of an input binding type (e.g. `durableClient`) whatever the trigger. */
export type InputBindingProvider = (binding: RpcBinding, fn: RegisteredFunction) => RpcTypedData;

/**
 * Runs one invocation the way the Node.js worker does (InvocationHandler): the library's own
 * invocation model turns RPC data into arguments and the result back into RPC data, with the
 * app's pre- and post-invocation hooks around the call.
 */
export class Invoker {
  readonly #appHookData: Record<string, unknown> = {};
  readonly #inputProviders = new Map<string, InputBindingProvider>();

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly logger: HostLogger,
  ) {}

  /** Registers the host's data for every input binding of `type` (matched case-insensitively). */
  provideInput(type: string, provider: InputBindingProvider): void {
    this.#inputProviders.set(type.toLowerCase(), provider);
  }

  async invoke(fn: RegisteredFunction, input: InvocationInput): Promise<RpcInvocationResponse> {
    const invocationId = randomUUID();
    const inputData: RpcParameterBinding[] = [
      input.trigger === undefined ? { name: fn.triggerKey } : { name: fn.triggerKey, data: input.trigger },
      ...(input.extraInputs ?? []),
      ...this.#providedInputs(fn, input.extraInputs ?? []),
    ];
    const coreContext: CoreInvocationContext = {
      invocationId,
      request: {
        invocationId,
        functionId: fn.metadata.name,
        inputData,
        ...(input.triggerMetadata === undefined ? {} : { triggerMetadata: input.triggerMetadata }),
        ...(input.retryContext === undefined ? {} : { retryContext: input.retryContext }),
      },
      metadata: fn.metadata,
      log: (level, category, message) => {
        this.logger(level, category, `[${fn.metadata.name} ${invocationId.slice(0, 8)}] ${message}`);
      },
    };
    const model = this.catalog.getProgrammingModel().getInvocationModel(coreContext);
    const { context, inputs: originalInputs } = await model.getArguments();

    const hookData: Record<string, unknown> = {};
    const preInvocation = {
      hookData,
      appHookData: this.#appHookData,
      invocationContext: context,
      inputs: originalInputs,
      functionCallback: fn.handler,
    };
    coreContext.state = 'preInvocationHooks';
    await this.#runHooks('preInvocation', preInvocation);
    const inputs = preInvocation.inputs;
    const handler: FunctionCallback = preInvocation.functionCallback;

    coreContext.state = 'invocation';
    const postInvocation: Record<string, unknown> = {
      hookData,
      appHookData: this.#appHookData,
      invocationContext: context,
      inputs,
      result: undefined,
      error: undefined,
    };
    try {
      postInvocation.result = await model.invokeFunction(context, inputs, handler);
    } catch (error: unknown) {
      postInvocation.error = error;
    }
    coreContext.state = 'postInvocationHooks';
    await this.#runHooks('postInvocation', postInvocation);
    coreContext.state = undefined;
    if (postInvocation.error !== undefined && postInvocation.error !== null) {
      throw toError(postInvocation.error);
    }
    return model.getResponse(context, postInvocation.result);
  }

  #providedInputs(fn: RegisteredFunction, given: readonly RpcParameterBinding[]): RpcParameterBinding[] {
    const provided: RpcParameterBinding[] = [];
    for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
      const provider = this.#inputProviders.get(binding.type.toLowerCase());
      if (provider === undefined || name === fn.triggerKey || binding.direction === 'out') continue;
      if (given.some((input) => input.name === name)) continue;
      provided.push({ name, data: provider(binding, fn) });
    }
    return provided;
  }

  async #runHooks(name: 'preInvocation' | 'postInvocation', hookContext: Record<string, unknown>): Promise<void> {
    for (const hook of this.catalog.hooks(name)) {
      await hook(hookContext);
    }
  }
}
