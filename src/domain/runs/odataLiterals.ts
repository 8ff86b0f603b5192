/**
 * Values as literals of a Table service $filter, built from typed values only. Quoting is done
 * here rather than with @azure/data-tables' odata`` tag, which leaves a value unquoted when it
 * stands first in the template (odata`${value}`), the hole run search once had.
 *
 * Syntax from "Querying tables and entities", section "Constructing filter strings" (Microsoft
 * Learn, Azure Storage REST API, https://learn.microsoft.com/rest/api/storageservices/querying-tables-and-entities):
 * string constants in single quotes, a single quote inside written as two; integers as digits
 * (Int64 would need an L suffix, so integers beyond Int32 are written as doubles, with a decimal
 * point); booleans as true and false. test/integration/tracking/runSearch.test.ts runs these
 * literals against Azurite.
 */

const int32Max = 2 ** 31 - 1;

export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A number in plain decimal: Int32 when it is one, otherwise a double with a decimal point.
 * Exponent notation is avoided (Azurite does not read it and returns no rows).
 */
export function odataNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('Only finite numbers are table query literals.');
  if (Number.isInteger(value) && Math.abs(value) <= int32Max) return String(value === 0 ? 0 : value);
  const plain = plainDecimal(value);
  return plain.includes('.') ? plain : `${plain}.0`;
}

export function odataLiteral(value: number | string | boolean): string {
  if (typeof value === 'string') return odataString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return odataNumber(value);
}

/** The shortest round-tripping digits of `value`, placed without an exponent. */
function plainDecimal(value: number): string {
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
