import { describe, expect, it } from 'vitest';
import {
  FilterSyntaxError,
  maxFilterLength,
  parseRunFilter,
  parseRunOrderField,
} from '../../../src/domain/runs/runFilterGrammar.js';
import { odataFilterOf } from '../../../src/domain/runs/runQuery.js';
import { odataNumber } from '../../../src/domain/runs/odataLiterals.js';

function odataOf(text: string): string | undefined {
  return odataFilterOf({ conditions: parseRunFilter(text) }, undefined);
}

function syntaxErrorOf(parse: () => unknown): { position: number; expected: string } {
  try {
    parse();
  } catch (error: unknown) {
    if (error instanceof FilterSyntaxError) return { position: error.position, expected: error.expected };
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('the run search grammar', () => {
  it('types values by their form and field, and quotes every string', () => {
    expect(parseRunFilter('metrics.test_auc>0.9')).toEqual([
      { field: 'metrics', name: 'test_auc', comparison: '>', value: 0.9 },
    ]);
    expect(odataOf('params.activation=relu')).toBe("p_activation eq 'relu'");
    expect(odataOf("params.activation = 'relu'")).toBe("p_activation eq 'relu'");
    expect(odataOf('params.epochs>=5 and params.learning_rate<0.01')).toBe('p_epochs ge 5 and p_learning_rate lt 0.01');
    expect(odataOf('params.shuffle=true')).toBe('p_shuffle eq true');
    expect(odataOf("params.shuffle='true'")).toBe("p_shuffle eq 'true'");
    expect(odataOf('status != failed and experiment=default')).toBe("status ne 'failed' and experiment eq 'default'");
    expect(odataOf('createdAt>=2026-01-31T00:00:00Z')).toBe("createdAt ge '2026-01-31T00:00:00.000Z'");
  });

  it('keeps a quoted value one literal, whatever it holds', () => {
    expect(parseRunFilter("params.activation='x'' or ''1''=''1'")).toEqual([
      { field: 'params', name: 'activation', comparison: '=', value: "x' or '1'='1" },
    ]);
    expect(odataOf("params.activation='x'' or ''1''=''1'")).toBe("p_activation eq 'x'' or ''1''=''1'");
  });

  it('refuses what is not a sentence of the grammar, naming the position and what was expected', () => {
    expect(syntaxErrorOf(() => parseRunFilter('metrics.test_auc>2 or true'))).toEqual({
      position: 19,
      expected: '"and" or the end of the filter',
    });
    expect(syntaxErrorOf(() => parseRunFilter('drop table runs'))).toMatchObject({ position: 0 });
    expect(syntaxErrorOf(() => parseRunFilter('metrics.test_auc>'))).toEqual({ position: 17, expected: 'a value' });
    expect(syntaxErrorOf(() => parseRunFilter('metrics.test_auc=relu'))).toMatchObject({
      position: 17,
      expected: 'a number (metrics are numbers)',
    });
    expect(syntaxErrorOf(() => parseRunFilter('params.constructor=1'))).toMatchObject({ position: 7 });
    expect(syntaxErrorOf(() => parseRunFilter('params.__proto__=1'))).toMatchObject({ position: 7 });
    expect(syntaxErrorOf(() => parseRunFilter("params.a='open"))).toMatchObject({
      position: 14,
      expected: 'a closing quote',
    });
    expect(syntaxErrorOf(() => parseRunFilter('params.a=1) or (1=1'))).toMatchObject({ position: 10 });
    expect(syntaxErrorOf(() => parseRunFilter('status=done'))).toMatchObject({ position: 7 });
    expect(syntaxErrorOf(() => parseRunFilter('createdAt>yesterday'))).toMatchObject({ position: 10 });
    expect(syntaxErrorOf(() => parseRunFilter('metrics.test_auc>1e400'))).toMatchObject({ position: 17 });
    expect(syntaxErrorOf(() => parseRunFilter('params.a.b=1'))).toMatchObject({ position: 8 });
    expect(syntaxErrorOf(() => parseRunFilter("params.a='\u0000'"))).toMatchObject({ position: 10 });
    expect(syntaxErrorOf(() => parseRunFilter("params.a='\ud800'"))).toMatchObject({ position: 9 });
    expect(syntaxErrorOf(() => parseRunFilter(`params.a=${'1'.repeat(maxFilterLength)}`))).toMatchObject({
      position: maxFilterLength,
    });
  });

  it('orders by createdAt, a param or a metric, never by a prototype member', () => {
    expect(parseRunOrderField('createdAt')).toEqual({ field: 'createdAt', name: 'createdAt' });
    expect(parseRunOrderField('metrics.test_auc')).toEqual({ field: 'metrics', name: 'test_auc' });
    expect(syntaxErrorOf(() => parseRunOrderField('params.constructor'))).toMatchObject({ position: 7 });
    expect(syntaxErrorOf(() => parseRunOrderField('params.toString'))).toMatchObject({ position: 7 });
    expect(syntaxErrorOf(() => parseRunOrderField('status'))).toMatchObject({ position: 0 });
    expect(syntaxErrorOf(() => parseRunOrderField('metrics.test_auc desc'))).toMatchObject({ position: 16 });
  });
});

describe('numbers in a table query', () => {
  it('are plain decimals: Int32 as digits, anything else with a decimal point, never an exponent', () => {
    expect(odataNumber(5)).toBe('5');
    expect(odataNumber(-0)).toBe('0');
    expect(odataNumber(0.5)).toBe('0.5');
    expect(odataNumber(1e-7)).toBe('0.0000001');
    expect(odataNumber(-1.25e-10)).toBe('-0.000000000125');
    expect(odataNumber(3_000_000_000)).toBe('3000000000.0');
    expect(odataNumber(1.5e14)).toBe('150000000000000.0');
    expect(odataNumber(123.456)).toBe('123.456');
    expect(() => odataNumber(Number.NaN)).toThrow(RangeError);
  });
});
