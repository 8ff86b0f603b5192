import type {
  Disposable,
  FunctionCallback,
  HookCallback,
  HookName,
  ProgrammingModel,
  RpcBinding,
  RpcFunctionMetadata,
  RpcLogCategory,
  RpcLogLevel,
} from './coreTypes.js';

export interface RegisteredFunction {
  readonly metadata: RpcFunctionMetadata;
  readonly handler: FunctionCallback;
  /** The binding key and binding of the trigger, found the way the worker finds it. */
  readonly triggerKey: string;
  readonly trigger: RpcBinding;
}

const hookNames: readonly HookName[] = ['appStart', 'appTerminate', 'preInvocation', 'postInvocation', 'log'];

/** An error the library treats as the worker's own, not the user's (see registerHook). */
class SystemRangeError extends RangeError {
  readonly isAzureFunctionsSystemError = true;
}

export type HostLogger = (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

/**
 * What the worker keeps for an app: the programming model, the registered functions and the
 * hooks. Its methods are exactly the `@azure/functions-core` module the library requires.
 */
export class FunctionCatalog {
  readonly version = '3.10.1';
  readonly hostVersion = '4.1040.0';
  #programmingModel: ProgrammingModel | undefined;
  readonly #functions = new Map<string, RegisteredFunction>();
  readonly #hooks = new Map<HookName, Set<HookCallback>>(hookNames.map((name) => [name, new Set()]));
  #locked = false;

  constructor(private readonly logger: HostLogger) {}

  readonly Disposable = class implements Disposable {
    // Not `private`: declarations cannot be emitted for private members of a class expression.
    constructor(readonly onDispose: () => void) {}
    dispose(): void {
      this.onDispose();
    }
  };

  setProgrammingModel = (model: ProgrammingModel): void => {
    this.#programmingModel = model;
  };

  getProgrammingModel = (): ProgrammingModel => {
    if (this.#programmingModel === undefined) {
      throw new Error('No programming model was set: the app did not load @azure/functions.');
    }
    return this.#programmingModel;
  };

  registerFunction = (metadata: RpcFunctionMetadata, handler: FunctionCallback): Disposable => {
    if (this.#locked) throw new Error(`Function "${metadata.name}" was registered after the app finished loading.`);
    const key = metadata.name.toLowerCase();
    if (this.#functions.has(key)) throw new Error(`A function named "${metadata.name}" is already registered.`);
    const trigger = Object.entries(metadata.bindings).find(([, binding]) => /trigger$/i.test(binding.type));
    if (trigger === undefined) throw new Error(`Function "${metadata.name}" has no trigger binding.`);
    const [triggerKey, triggerBinding] = trigger;
    this.#functions.set(key, { metadata, handler, triggerKey, trigger: triggerBinding });
    return new this.Disposable(() => this.#functions.delete(key));
  };

  registerHook = (name: string, callback: HookCallback): Disposable => {
    const hooks = this.#hooks.get(name as HookName);
    if (hooks === undefined) throw new SystemRangeError(`Unrecognized hook "${name}"`);
    hooks.add(callback);
    return new this.Disposable(() => hooks.delete(callback));
  };

  log = (level: RpcLogLevel, category: RpcLogCategory, message: string): void => {
    this.logger(level, category, message);
  };

  /** Called once the entry points are loaded; registration after that is a bug in the app. */
  lock(): void {
    this.#locked = true;
  }

  hooks(name: HookName): HookCallback[] {
    return [...(this.#hooks.get(name) ?? [])];
  }

  get(name: string): RegisteredFunction | undefined {
    return this.#functions.get(name.toLowerCase());
  }

  all(): RegisteredFunction[] {
    return [...this.#functions.values()];
  }

  byTrigger(type: string): RegisteredFunction[] {
    return this.all().filter((fn) => fn.trigger.type.toLowerCase() === type.toLowerCase());
  }
}
