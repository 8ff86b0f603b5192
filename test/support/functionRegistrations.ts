import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FunctionCatalog } from '../../devhost/core/functionCatalog.js';
import { installCoreModule } from '../../devhost/core/installCoreModule.js';
import { loadAppEntryPoints } from '../../devhost/core/loadApp.js';

/**
 * Run as a script (`node dist/test/support/functionRegistrations.js --app-root DIR [--also FILE]`):
 * loads the app's entry points (package.json `main`) the way the Node.js worker does, with the
 * local host's `@azure/functions-core`, and prints as JSON what the app registered and which npm
 * packages were loaded while it started. Every module resolution, through `import` or
 * `require`, passes the resolve hook, so a package counts as loaded when any file of it was
 * resolved. `--also` imports one more file afterwards (the tests' positive control). The worker's
 * capabilities are asked for after loading, as the worker does before answering the host.
 */
export interface StartupReport {
  functions: { name: string; trigger: string; authLevel: unknown; route: unknown }[];
  packages: string[];
  /** The app's own modules loaded while it started, relative to the app root (e.g. dist/src/…). */
  appModules: string[];
  /** What the worker would tell the host in its init response (e.g. WorkerOpenTelemetryEnabled). */
  capabilities: Record<string, unknown>;
}

const packageOf = (url: string): string | undefined => {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first, second] = url.slice(at + '/node_modules/'.length).split('/');
  return first?.startsWith('@') === true ? `${first}/${second ?? ''}` : first;
};

const { values } = parseArgs({ options: { 'app-root': { type: 'string' }, also: { type: 'string' } } });
const appRoot = path.resolve(values['app-root'] ?? '.');
const appRootUrl = pathToFileURL(appRoot + path.sep).href;

const packages = new Set<string>();
const appModules = new Set<string>();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    const name = packageOf(result.url);
    if (name !== undefined) packages.add(name);
    else if (result.url.startsWith(appRootUrl)) appModules.add(result.url.slice(appRootUrl.length));
    return result;
  },
});
const catalog = new FunctionCatalog(() => undefined);
installCoreModule(catalog);
await loadAppEntryPoints(appRoot);
if (values.also !== undefined) await import(pathToFileURL(path.resolve(values.also)).href);

const report: StartupReport = {
  functions: catalog.all().map((fn) => ({
    name: fn.metadata.name,
    trigger: fn.trigger.type,
    authLevel: fn.trigger.authLevel,
    route: fn.trigger.route,
  })),
  packages: [...packages].sort(),
  appModules: [...appModules].sort(),
  capabilities: await catalog.getProgrammingModel().getCapabilities({}),
};
process.stdout.write(JSON.stringify(report));
// Timers and clients the app may have created must not keep the probe alive.
process.exit(0);
