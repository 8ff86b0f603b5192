import type { DevHostConfig } from './devHostConfig.js';
import { parseStorageSetting } from './storage/storageSetting.js';
import { hostStorage } from './storage/hostStorage.js';
import { loadOrCreateHostKeys } from './keys/hostKeys.js';
import { FunctionCatalog, type HostLogger, type RegisteredFunction } from './core/functionCatalog.js';
import { installCoreModule } from './core/installCoreModule.js';
import { Invoker } from './core/invoker.js';
import { loadAppEntryPoints } from './core/loadApp.js';
import { readHostJson } from './hostJson.js';
import { HttpRouteTable } from './http/httpRouteTable.js';
import {
  authenticateRequestHeaders,
  readAuthenticationExclusions,
  refusedAsUnauthenticated,
} from './http/platformAuthentication.js';
import { parseDevHostAuthTokens } from './devHostAuthConfig.js';
import { LocalHttpServer } from './http/localHttpServer.js';
import { BlobTriggerListener } from './blob/blobTriggerListener.js';
import { DurableEngine } from './durable/durableEngine.js';
import { readBlobEventSubscriptions } from './eventGrid/eventSubscriptions.js';
import { TimerTriggerListener } from './timer/timerTriggerListener.js';

export interface LocalFunctionsHostOptions {
  appRoot: string;
  config: DevHostConfig;
  /** The environment the app runs with; local settings must already be applied. */
  environment: NodeJS.ProcessEnv;
  logger: HostLogger;
  bindHost?: string;
}

/** What `func start` prints per function: how to reach it. */
export interface FunctionSummary {
  name: string;
  trigger: string;
  detail: string;
}

/**
 * Plays the part of the Functions host and the Node.js worker for this app: loads the compiled
 * app through the real @azure/functions library, then serves HTTP and blob triggers and runs
 * durable orchestrations and activities.
 */
export class LocalFunctionsHost {
  private constructor(
    readonly http: LocalHttpServer,
    private readonly blobTriggers: BlobTriggerListener,
    private readonly durable: DurableEngine,
    private readonly timers: TimerTriggerListener,
    private readonly catalog: FunctionCatalog,
    private readonly routePrefix: string,
  ) {}

  static async start(options: LocalFunctionsHostOptions): Promise<LocalFunctionsHost> {
    const { appRoot, config, environment, logger } = options;
    const catalog = new FunctionCatalog(logger);
    installCoreModule(catalog);
    // Lets the app's health endpoint say which host runs it (Core Tools sets its own marker).
    environment.WESAD_LOCAL_DEVHOST = 'true';
    // This host plays App Service Authentication (authenticateRequestHeaders), so it tells the
    // app so as the platform does when Easy Auth is on; the app trusts the principal only then.
    environment.WEBSITE_AUTH_ENABLED = 'True';
    const hostJson = await readHostJson(appRoot);
    await loadAppEntryPoints(appRoot);
    const capabilities = await catalog.getProgrammingModel().getCapabilities({});
    if ('HttpUri' in capabilities) {
      throw new Error(
        "The app enables HTTP streaming, which needs the real host's HTTP proxy; the local host cannot serve it.",
      );
    }
    catalog.lock();
    for (const hook of catalog.hooks('appStart')) {
      await hook({ hookData: {}, appHookData: {}, functionAppDirectory: appRoot });
    }

    const invoker = new Invoker(catalog, logger);
    const storage = hostStorage(parseStorageSetting(environment));
    const keys = await loadOrCreateHostKeys(storage.blobs, config.hostId);
    const durable = await DurableEngine.create(
      catalog,
      invoker,
      storage,
      keys,
      {
        hubName: hostJson.durableHubName,
        concurrency: config.durableConcurrency,
        activityConcurrency: config.durableActivityConcurrency,
        pollIntervalMs: config.durablePollIntervalMs,
        visibilitySeconds: config.durableVisibilitySeconds,
        maxRequestBodyBytes: config.maxRequestBodyBytes,
      },
      logger,
    );
    const authTokens = parseDevHostAuthTokens(environment);
    // Authentication is played as infra/ deploys it, once there are development callers to play it with.
    const excludedPaths = authTokens.size > 0 ? await readAuthenticationExclusions(appRoot) : undefined;
    const http = new LocalHttpServer(
      new HttpRouteTable(catalog.byTrigger('httpTrigger')),
      invoker,
      {
        host: options.bindHost ?? '127.0.0.1',
        port: config.port,
        routePrefix: hostJson.routePrefix,
        maxRequestBodyBytes: config.maxRequestBodyBytes,
        systemEndpoints: [durable.endpoint],
        authenticate: (headers) => authenticateRequestHeaders(headers, authTokens),
        ...(excludedPaths === undefined
          ? {}
          : {
              refuseUnauthenticated: (pathname: string, headers: Record<string, string>) =>
                refusedAsUnauthenticated(pathname, headers, excludedPaths),
            }),
      },
      logger,
    );
    invoker.provideInput('durableClient', () => ({ string: durable.clientInputData(http.origin) }));
    const blobTriggers = new BlobTriggerListener(
      catalog,
      invoker,
      storage,
      config,
      hostJson.poisonBlobThreshold,
      await readBlobEventSubscriptions(appRoot),
      logger,
    );
    const timers = new TimerTriggerListener(catalog, invoker, environment, logger);
    const host = new LocalFunctionsHost(http, blobTriggers, durable, timers, catalog, hostJson.routePrefix);
    for (const fn of catalog.all()) {
      if (!host.#serves(fn))
        logger(
          'warning',
          'system',
          `Function "${fn.metadata.name}" (${fn.trigger.type}) is not served by the local host.`,
        );
    }
    await http.start();
    await blobTriggers.start();
    // Core Tools sets it for the worker; without it durable-functions' getClient rewrites the
    // client's management links to http://localhost:7071.
    environment.WEBSITE_HOSTNAME ??= new URL(http.origin).host;
    durable.start();
    timers.start();
    return host;
  }

  get origin(): string {
    return this.http.origin;
  }

  functions(): FunctionSummary[] {
    return this.catalog.all().map((fn) => {
      const trigger = fn.trigger;
      if (trigger.type === 'httpTrigger') {
        const methods = Array.isArray(trigger.methods) ? trigger.methods.join(',') : 'GET,POST';
        const route = typeof trigger.route === 'string' ? trigger.route : fn.metadata.name;
        const prefix = this.routePrefix === '' ? '' : `/${this.routePrefix}`;
        return {
          name: fn.metadata.name,
          trigger: trigger.type,
          detail: `[${methods}] ${this.origin}${prefix}/${route}`,
        };
      }
      const detail =
        typeof trigger.path === 'string' ? trigger.path : typeof trigger.schedule === 'string' ? trigger.schedule : '';
      return { name: fn.metadata.name, trigger: trigger.type, detail };
    });
  }

  async stop(): Promise<void> {
    await this.http.stop();
    await this.blobTriggers.stop();
    await this.timers.stop();
    await this.durable.stop();
    for (const hook of this.catalog.hooks('appTerminate')) {
      await hook({ hookData: {}, appHookData: {} });
    }
  }

  #serves(fn: RegisteredFunction): boolean {
    return [
      'httptrigger',
      'blobtrigger',
      'eventgridtrigger',
      'orchestrationtrigger',
      'activitytrigger',
      'timertrigger',
    ].includes(fn.trigger.type.toLowerCase());
  }
}
