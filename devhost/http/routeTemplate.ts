/**
 * ASP.NET Core route templates as Azure Functions accepts them in `route`: literal segments,
 * `{name}`, `{name?}`, `{name:constraint}` (int, long, bool, guid, alpha, double) and a final
 * catch-all `{*name}`. Matching is case-insensitive on literals, like the real host.
 */

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'parameter'; name: string; optional: boolean; constraint: Constraint | undefined }
  | { kind: 'catchAll'; name: string };

type Constraint = (value: string) => boolean;

const constraints: Record<string, Constraint> = {
  int: (value) => /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)),
  long: (value) => /^-?\d+$/.test(value),
  bool: (value) => /^(true|false)$/i.test(value),
  guid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  alpha: (value) => /^[a-z]+$/i.test(value),
  double: (value) => value.trim() !== '' && Number.isFinite(Number(value)),
};

export class RouteTemplate {
  readonly #segments: Segment[];

  constructor(readonly template: string) {
    this.#segments = template
      .split('/')
      .filter((part) => part !== '')
      .map((part, index, all) => parseSegment(part, index === all.length - 1, template));
  }

  /** Route values when the path (already without the route prefix) matches, else undefined. */
  match(pathSegments: readonly string[]): Record<string, string> | undefined {
    const values: Record<string, string> = {};
    for (let index = 0; index < this.#segments.length; index++) {
      const segment = this.#segments[index];
      const part = pathSegments[index];
      if (segment === undefined) return undefined;
      if (segment.kind === 'catchAll') {
        values[segment.name] = pathSegments.slice(index).join('/');
        return values;
      }
      if (part === undefined) {
        return segment.kind === 'parameter' && segment.optional ? values : undefined;
      }
      if (segment.kind === 'literal') {
        if (segment.text.toLowerCase() !== part.toLowerCase()) return undefined;
      } else {
        if (segment.constraint !== undefined && !segment.constraint(part)) return undefined;
        values[segment.name] = part;
      }
    }
    return pathSegments.length === this.#segments.length ? values : undefined;
  }

  /**
   * Orders templates so that the more specific wins, as ASP.NET routing does: literals before
   * constrained parameters before plain parameters before catch-alls, segment by segment.
   */
  static compareSpecificity(a: RouteTemplate, b: RouteTemplate): number {
    const length = Math.max(a.#segments.length, b.#segments.length);
    for (let index = 0; index < length; index++) {
      const difference = rank(a.#segments[index]) - rank(b.#segments[index]);
      if (difference !== 0) return difference;
    }
    return 0;
  }
}

function rank(segment: Segment | undefined): number {
  if (segment === undefined) return 5;
  if (segment.kind === 'literal') return 1;
  if (segment.kind === 'catchAll') return 4;
  return segment.constraint === undefined ? 3 : 2;
}

function parseSegment(part: string, isLast: boolean, template: string): Segment {
  const parameter = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$/.exec(part);
  if (parameter === null) {
    if (part.includes('{') || part.includes('}')) {
      throw new Error(
        `Route "${template}": segment "${part}" mixes literals and parameters, which this host does not support.`,
      );
    }
    return { kind: 'literal', text: part };
  }
  const [, star, name = '', constraintName, optional] = parameter;
  if (star !== undefined) {
    if (!isLast) throw new Error(`Route "${template}": a catch-all parameter must be the last segment.`);
    return { kind: 'catchAll', name };
  }
  let constraint: Constraint | undefined;
  if (constraintName !== undefined) {
    constraint = constraints[constraintName];
    if (constraint === undefined) throw new Error(`Route "${template}": unknown constraint "${constraintName}".`);
  }
  return { kind: 'parameter', name, optional: optional !== undefined, constraint };
}
