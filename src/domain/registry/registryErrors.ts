export type RegistryErrorKind = 'not-found' | 'conflict' | 'gate-refused' | 'invalid' | 'forbidden';

/** A registry operation refused for a reason the caller can act on. */
export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
