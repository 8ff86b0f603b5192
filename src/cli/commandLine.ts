/** Minimal `--name value` / `--flag` parsing; positional arguments keep their order. */
export interface ParsedArguments {
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArguments(argv: readonly string[], flags: ReadonlySet<string>): ParsedArguments {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split('=', 2);
    if (flags.has(name)) {
      options.set(name, true);
    } else if (inline !== undefined) {
      options.set(name, inline);
    } else {
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      options.set(name, value);
      i += 1;
    }
  }
  return { positional, options };
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function stringOption(parsed: ParsedArguments, name: string): string | undefined {
  const value = parsed.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function numberOption(parsed: ParsedArguments, name: string): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${text}'.`);
  return value;
}

export function requireKnownOptions(parsed: ParsedArguments, known: readonly string[]): void {
  for (const name of parsed.options.keys()) {
    if (!known.includes(name)) throw new UsageError(`Unknown option --${name}.`);
  }
}
