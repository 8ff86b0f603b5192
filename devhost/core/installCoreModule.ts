import Module from 'node:module';

const coreModuleName = '@azure/functions-core';

/**
 * Makes `require('@azure/functions-core')` return the given object, as the Node.js worker does
 * (it proxies Module.prototype.require). It must run before the app loads @azure/functions:
 * the library looks the module up once and falls into "test mode" for good if it is missing.
 */
export function installCoreModule(coreApi: object): void {
  const prototype = Module.prototype as { require: (id: string) => unknown };
  const original = prototype.require;
  prototype.require = new Proxy(original, {
    apply(target, thisArgument: unknown, argumentList: [string]) {
      if (argumentList[0] === coreModuleName) return coreApi;
      return Reflect.apply(target, thisArgument, argumentList);
    },
  });
}
