import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConcurrencyGate } from '../../../src/platform/http/concurrencyGate.js';
import { problemForError } from '../../../src/api/problemForError.js';
import { readJsonBody } from '../../../src/platform/http/jsonRequest.js';
import { requireMediaType } from '../../../src/platform/http/mediaType.js';
import { WesadInputError, WesadLimitError } from '../../../src/domain/wesad/errors.js';

describe('the concurrency gate for heavy requests', () => {
  it('lets `limit` requests run, refuses the next with 503 and Retry-After, and frees its place after', async () => {
    const gate = new ConcurrencyGate(2, 'WESAD_PREDICT_CONCURRENCY');
    const releases: (() => void)[] = [];
    const held = () => gate.run(() => new Promise<void>((resolve) => releases.push(resolve)));
    const first = held();
    const second = held();
    let refusal: unknown;
    await gate.run(() => Promise.resolve()).catch((error: unknown) => (refusal = error));
    const { response } = problemForError(refusal);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(JSON.parse(response.body)).toMatchObject({ limit: { setting: 'WESAD_PREDICT_CONCURRENCY', value: 2 } });
    for (const release of releases) release();
    await Promise.all([first, second]);
    await expect(gate.run(() => Promise.resolve('in'))).resolves.toBe('in');
    // A failing request frees its place too.
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.running).toBe(0);
  });
});

describe('media types and JSON bodies', () => {
  it('accepts the listed media types whatever their parameters, and 415s the rest', () => {
    expect(requireMediaType('Application/JSON; charset=utf-8', ['application/json'])).toBe('application/json');
    for (const given of ['text/plain', '', null, 'application/json-patch+json']) {
      const { response } = problemForError(catchError(() => requireMediaType(given, ['application/json'])));
      expect(response.status).toBe(415);
    }
  });

  it('413s a JSON body past the limit, before reading it when Content-Length says so', async () => {
    let read = false;
    const body = (size: number, declared: string | null) => ({
      contentType: 'application/json',
      contentLength: declared,
      arrayBuffer: () => {
        read = true;
        return Promise.resolve(new TextEncoder().encode(JSON.stringify({ a: 'x'.repeat(size) })).buffer);
      },
    });
    const limit = { maxBytes: 100, setting: 'WESAD_MAX_JSON_BODY_BYTES' };
    const schema = z.object({ a: z.string() });
    const early = await readJsonBody(body(10, '5000'), schema, limit).catch((error: unknown) => error);
    expect(problemForError(early).response.status).toBe(413);
    expect(read).toBe(false);
    const late = await readJsonBody(body(500, null), schema, limit).catch((error: unknown) => error);
    expect(JSON.parse(problemForError(late).response.body)).toMatchObject({
      status: 413,
      limit: { setting: 'WESAD_MAX_JSON_BODY_BYTES', value: 100 },
    });
    await expect(readJsonBody(body(10, null), schema, limit)).resolves.toEqual({ a: 'x'.repeat(10) });
  });
});

describe('refusals of uploads', () => {
  it('answers a passed limit with 413 naming it, and other bad input with 422 and its code', () => {
    const limit = problemForError(
      new WesadLimitError('RECORDING_TOO_LONG', 'too long', { setting: 'WESAD_MAX_RECORDING_HOURS', value: 48 }),
    ).response;
    expect(limit.status).toBe(413);
    expect(limit.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(limit.body)).toMatchObject({
      code: 'RECORDING_TOO_LONG',
      limit: { setting: 'WESAD_MAX_RECORDING_HOURS', value: 48 },
    });
    const malformed = problemForError(new WesadInputError('CSV_NON_NUMERIC', 'bad')).response;
    expect(malformed.status).toBe(422);
    expect(JSON.parse(malformed.body)).toMatchObject({ code: 'CSV_NON_NUMERIC' });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}
