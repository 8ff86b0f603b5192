import { createHash, type Hash } from 'node:crypto';
import { WesadInputError } from '../errors.js';

export interface ByteSourceOptions {
  /** Refuse inputs larger than this many bytes (checked as chunks arrive, before they are parsed). */
  maxBytes: number;
  /** Error code used when the stream ends in the middle of a read. */
  truncatedCode?: 'TRUNCATED_PICKLE';
}

/**
 * A Node Readable, a blob download's `readableStreamBody` (typed as yielding string | Buffer), an
 * async generator, or plain chunks in memory. Text chunks mean the stream was decoded: refused.
 */
export type ByteChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;

const PREALLOCATED_READ_BYTES = 1024 * 1024;

async function* fromSync(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) {
    await Promise.resolve();
    yield chunk;
  }
}

/**
 * Pull-based reader over a chunked stream. It never holds more than the current chunk, so large
 * payloads can be skipped or consumed piece by piece; chunks handed to callbacks are views that
 * are only valid during the call.
 */
export class ByteSource {
  private readonly iterator: AsyncIterator<Uint8Array | string>;
  private chunk: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private received = 0;
  private ended = false;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    chunks: ByteChunks,
    private readonly options: ByteSourceOptions,
  ) {
    this.iterator = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : fromSync(chunks);
  }

  /** Bytes consumed by the parser so far. */
  get position(): number {
    return this.received - (this.chunk.length - this.offset);
  }

  get bytesReceived(): number {
    return this.received;
  }

  /** Whether any byte was available at all (distinguishes an empty upload from a truncated one). */
  async isEmpty(): Promise<boolean> {
    return !(await this.ensure());
  }

  async readByte(): Promise<number> {
    if (this.offset >= this.chunk.length && !(await this.ensure())) this.truncated(1);
    const value = this.chunk[this.offset] ?? 0;
    this.offset += 1;
    return value;
  }

  /**
   * A copy of the next `length` bytes. A length is only a claim of the input: beyond a MiB the copy
   * grows with the bytes that really arrive, so a lying length costs no more memory than the input.
   */
  async read(length: number): Promise<Uint8Array> {
    if (length <= PREALLOCATED_READ_BYTES) {
      const out = new Uint8Array(length);
      let filled = 0;
      await this.consume(length, (part) => {
        out.set(part, filled);
        filled += part.length;
      });
      return out;
    }
    const parts: Uint8Array[] = [];
    await this.consume(length, (part) => parts.push(part.slice()));
    return Buffer.concat(parts, length);
  }

  async skip(length: number): Promise<void> {
    await this.consume(length, () => undefined);
  }

  /** Hands the next `length` bytes to `sink` in pieces, without collecting them. */
  async consume(length: number, sink: (part: Uint8Array) => void): Promise<void> {
    let remaining = length;
    while (remaining > 0) {
      if (this.offset >= this.chunk.length && !(await this.ensure())) this.truncated(remaining);
      const take = Math.min(remaining, this.chunk.length - this.offset);
      sink(this.chunk.subarray(this.offset, this.offset + take));
      this.offset += take;
      remaining -= take;
    }
  }

  /**
   * Hands the bytes up to the next newline to `sink` in pieces and consumes the newline.
   * `limit` bounds the line length so a text opcode cannot swallow the whole upload unnoticed.
   */
  async consumeLine(limit: number, sink: (part: Uint8Array) => void): Promise<void> {
    let seen = 0;
    for (;;) {
      if (this.offset >= this.chunk.length && !(await this.ensure())) this.truncated(1);
      const newline = this.chunk.indexOf(0x0a, this.offset);
      const end = newline < 0 ? this.chunk.length : newline;
      seen += end - this.offset;
      if (seen > limit) {
        throw new WesadInputError('MALFORMED_PICKLE', `A text line in the pickle is longer than ${limit} bytes.`);
      }
      sink(this.chunk.subarray(this.offset, end));
      this.offset = end;
      if (newline >= 0) {
        this.offset += 1;
        return;
      }
    }
  }

  async readLine(limit: number): Promise<string> {
    const parts: Uint8Array[] = [];
    await this.consumeLine(limit, (part) => parts.push(part.slice()));
    return Buffer.concat(parts).toString('latin1');
  }

  /** Reads whatever follows the parsed content so the digest and size cover the whole upload. */
  async drain(): Promise<void> {
    this.offset = this.chunk.length;
    while (await this.ensure()) this.offset = this.chunk.length;
  }

  /**
   * Stops reading early (the parser refused the input): ends the iterator, which destroys a Node
   * stream and so releases the file handle or the blob download's socket at once, not at GC.
   */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }

  /** sha256 of every byte received; call after drain(). */
  digest(): string {
    return this.hash.digest('hex');
  }

  private async ensure(): Promise<boolean> {
    while (this.offset >= this.chunk.length) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done === true) {
        this.ended = true;
        return false;
      }
      const chunk = next.value;
      if (typeof chunk === 'string') {
        throw new TypeError('The upload stream yields text; read it as bytes (no setEncoding).');
      }
      this.received += chunk.length;
      if (this.received > this.options.maxBytes) {
        await this.iterator.return?.();
        this.ended = true;
        throw new WesadInputError(
          'INPUT_TOO_LARGE',
          `The upload is larger than the configured limit of ${this.options.maxBytes} bytes.`,
        );
      }
      this.hash.update(chunk);
      this.chunk = chunk;
      this.offset = 0;
    }
    return true;
  }

  private truncated(missing: number): never {
    throw new WesadInputError(
      this.options.truncatedCode ?? 'TRUNCATED_PICKLE',
      `The pickle ends early: ${missing} more byte(s) were expected after byte ${this.position}.`,
    );
  }
}
