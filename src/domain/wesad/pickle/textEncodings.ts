import { WesadInputError } from '../errors.js';

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  v: 0x0b,
  '0': 0x00,
};

/** Protocol 0 STRING: a quoted Python 2 repr, decoded like codecs.escape_decode. */
export function decodeStringRepr(line: string): Uint8Array {
  const quote = line[0];
  if (line.length < 2 || (quote !== "'" && quote !== '"') || !line.endsWith(quote)) {
    throw new WesadInputError('MALFORMED_PICKLE', 'A protocol 0 STRING opcode is not quoted.');
  }
  const body = line.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const char = body.charCodeAt(i);
    if (char !== 0x5c) {
      out.push(char & 0xff);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next === 'x') {
      out.push(parseHex(body.slice(i + 2, i + 4)));
      i += 3;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? '0';
      out.push(parseInt(octal, 8) & 0xff);
      i += octal.length;
    } else if (next in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[next] ?? 0);
      i += 1;
    } else {
      out.push(0x5c);
    }
  }
  return Uint8Array.from(out);
}

/** Protocol 0 UNICODE: raw-unicode-escape, where only \uXXXX and \UXXXXXXXX are escapes. */
export function decodeRawUnicodeEscape(bytes: Uint8Array): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] !== 0x5c) continue;
    const marker = bytes[i + 1];
    const digits = marker === 0x75 ? 4 : marker === 0x55 ? 8 : 0;
    if (digits === 0) continue;
    parts.push(Buffer.from(bytes.subarray(start, i)).toString('latin1'));
    const hex = Buffer.from(bytes.subarray(i + 2, i + 2 + digits)).toString('latin1');
    parts.push(String.fromCodePoint(parseHex(hex, digits)));
    i += 1 + digits;
    start = i + 1;
  }
  parts.push(Buffer.from(bytes.subarray(start)).toString('latin1'));
  return parts.join('');
}

/** UTF-8 text whose code points are all below 256 (how Python 3 pickles bytes as latin1 str), as bytes. */
export function utf8Latin1ToBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) {
      out[length++] = byte;
    } else if ((byte === 0xc2 || byte === 0xc3) && i + 1 < bytes.length) {
      out[length++] = ((byte & 0x03) << 6) | ((bytes[i + 1] ?? 0) & 0x3f);
      i += 1;
    } else {
      throw new WesadInputError('MALFORMED_PICKLE', 'A latin1 byte payload holds characters beyond U+00FF.');
    }
  }
  return out.slice(0, length);
}

export function latin1TextToBytes(text: string): Uint8Array {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 0xff) {
      throw new WesadInputError('MALFORMED_PICKLE', 'A latin1 byte payload holds characters beyond U+00FF.');
    }
  }
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

function parseHex(hex: string, digits = 2): number {
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new WesadInputError('MALFORMED_PICKLE', 'A text opcode holds a broken escape sequence.');
  }
  return parseInt(hex, 16);
}
