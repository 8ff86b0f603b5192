import { HttpProblem } from './httpProblem.js';

/**
 * The request's media type (parameters such as charset dropped), when it is one of `accepted`;
 * 415 otherwise. Checked before the body is read, so a body is only ever parsed as what it says it is.
 */
export function requireMediaType(contentType: string | null, accepted: readonly string[]): string {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accepted.includes(mediaType)) {
    throw new HttpProblem(
      'unsupported-media-type',
      `Send the body as ${accepted.join(' or ')}; ${mediaType === '' ? 'no Content-Type was given' : `${mediaType} is not accepted`}.`,
      { accepted },
    );
  }
  return mediaType;
}
