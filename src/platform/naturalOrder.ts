/**
 * Compares names the way people count: runs of digits by their value, the rest by character, so
 * S2 < S10 < S11 and "S2/S2.pkl" < "S10/S10.pkl". Ties in value (S02, S2) fall back to plain
 * order, so the order is total and stable.
 */
export function naturalCompare(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric) {
      const byValue = compareDigits(x, y);
      if (byValue !== 0) return byValue;
    }
    return x < y ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function parts(text: string): string[] {
  return text.match(/\d+|\D+/g) ?? [];
}

/** Digit runs of any length by value, without converting to a number that could overflow. */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
