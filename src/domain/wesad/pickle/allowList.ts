import { WesadInputError } from '../errors.js';

/** The only callables a WESAD pickle may name; the VM implements each itself, nothing is imported. */
export type AllowedCallable = 'reconstruct' | 'ndarray' | 'dtype' | 'codecsEncode' | 'frombuffer';

const ALLOWED_GLOBALS: ReadonlyMap<string, AllowedCallable> = new Map([
  ['numpy.core.multiarray._reconstruct', 'reconstruct'],
  ['numpy._core.multiarray._reconstruct', 'reconstruct'],
  ['numpy.ndarray', 'ndarray'],
  ['numpy.dtype', 'dtype'],
  ['_codecs.encode', 'codecsEncode'],
  ['numpy.core.numeric._frombuffer', 'frombuffer'],
  ['numpy._core.numeric._frombuffer', 'frombuffer'],
]);

export function resolveAllowedGlobal(module: string, name: string): AllowedCallable {
  const callable = ALLOWED_GLOBALS.get(`${module}.${name}`);
  if (callable === undefined) {
    throw new WesadInputError(
      'FORBIDDEN_GLOBAL',
      `The pickle references ${printable(module)}.${printable(name)}, which is not on the allow-list of numpy ` +
        'array constructors; the file was rejected and nothing in it was run.',
    );
  }
  return callable;
}

function printable(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(shown).slice(1, -1);
}
