import type { RegisteredFunction } from '../core/functionCatalog.js';
import { RouteTemplate } from './routeTemplate.js';

export interface HttpRoute {
  readonly fn: RegisteredFunction;
  readonly template: RouteTemplate;
  readonly methods: ReadonlySet<string>;
}

export type RouteLookup =
  | { kind: 'matched'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'notFound' };

const defaultMethods = ['GET', 'POST'];

/** The HTTP-triggered functions of the app, most specific route first. */
export class HttpRouteTable {
  readonly routes: readonly HttpRoute[];

  constructor(functions: readonly RegisteredFunction[]) {
    this.routes = functions
      .map((fn) => {
        const route = typeof fn.trigger.route === 'string' ? fn.trigger.route : fn.metadata.name;
        const methods = Array.isArray(fn.trigger.methods)
          ? fn.trigger.methods.filter((method): method is string => typeof method === 'string')
          : defaultMethods;
        return {
          fn,
          template: new RouteTemplate(route),
          methods: new Set(methods.map((method) => method.toUpperCase())),
        };
      })
      .sort((a, b) => RouteTemplate.compareSpecificity(a.template, b.template));
  }

  lookup(method: string, pathSegments: readonly string[]): RouteLookup {
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = route.template.match(pathSegments);
      if (params === undefined) continue;
      if (route.methods.has(method.toUpperCase())) return { kind: 'matched', route, params };
      for (const allowedMethod of route.methods) allowed.add(allowedMethod);
    }
    return allowed.size > 0 ? { kind: 'methodNotAllowed', allowed: [...allowed].sort() } : { kind: 'notFound' };
  }
}
