import { describe, expect, it } from 'vitest';
import { RouteTemplate } from '../../../devhost/http/routeTemplate.js';

describe('RouteTemplate', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    const template = new RouteTemplate('runs/{id}/metrics');
    expect(template.match(['RUNS', 'r1', 'metrics'])).toEqual({ id: 'r1' });
    expect(template.match(['runs', 'r1'])).toBeUndefined();
    expect(template.match(['runs', 'r1', 'metrics', 'extra'])).toBeUndefined();
  });

  it('honours constraints and optional parameters', () => {
    const template = new RouteTemplate('echo/{id:int}/{label?}');
    expect(template.match(['echo', '42'])).toEqual({ id: '42' });
    expect(template.match(['echo', '42', 'x'])).toEqual({ id: '42', label: 'x' });
    expect(template.match(['echo', 'abc'])).toBeUndefined();
  });

  it('gives the rest of the path to a catch-all', () => {
    expect(new RouteTemplate('files/{*path}').match(['files', 'a', 'b.txt'])).toEqual({ path: 'a/b.txt' });
  });

  it('orders literal segments before parameters', () => {
    const literal = new RouteTemplate('echo/latest');
    const parameter = new RouteTemplate('echo/{id}');
    const sorted = [parameter, literal].sort((a, b) => RouteTemplate.compareSpecificity(a, b));
    expect(sorted.map((template) => template.template)).toEqual(['echo/latest', 'echo/{id}']);
  });

  it('refuses templates it cannot honour', () => {
    expect(() => new RouteTemplate('files/{*path}/more')).toThrow(/catch-all/);
    expect(() => new RouteTemplate('x/{id:weird}')).toThrow(/unknown constraint/);
    expect(() => new RouteTemplate('x/a{id}')).toThrow(/mixes literals/);
  });
});
