/** A continuation token a client sent back that no listing of this app issued (or one it altered). */
export class InvalidContinuationTokenError extends Error {
  constructor() {
    super('The continuation token is not one this listing issued.');
    this.name = 'InvalidContinuationTokenError';
  }
}
