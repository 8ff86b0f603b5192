/**
 * Parser for ARM template expressions, the `[func(args).prop[index]]` strings that `bicep build` emits.
 * Grammar (Microsoft Learn, azure-resource-manager/templates/template-expressions): a string wrapped in
 * brackets is an expression; `[[` starts a literal that begins with `[`; literals are single-quoted strings
 * (a doubled quote escapes one) and integers; functions are called by name, and results are navigated with
 * `.property` and `[index]`.
 */

export type Expr =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'member'; readonly target: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr };

/** A JSON string is an expression when bracketed and not escaped with a leading `[[`. */
export function isExpression(text: string): boolean {
  return text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

/** The literal a non-expression string stands for (`[[x]` means `[x]`). */
export function literalText(text: string): string {
  return text.startsWith('[[') ? text.slice(1) : text;
}

export class ExpressionSyntaxError extends Error {
  constructor(source: string, at: number, expected: string) {
    super(`ARM expression: expected ${expected} at ${String(at)} in ${source}`);
    this.name = 'ExpressionSyntaxError';
  }
}

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  parseAll(): Expr {
    const expr = this.expression();
    this.skipSpace();
    if (this.at !== this.source.length) this.fail('end of expression');
    return expr;
  }

  private fail(expected: string): never {
    throw new ExpressionSyntaxError(this.source, this.at, expected);
  }

  private skipSpace(): void {
    while (this.at < this.source.length && /\s/.test(this.source.charAt(this.at))) this.at++;
  }

  private peek(): string {
    this.skipSpace();
    return this.source.charAt(this.at);
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail(`'${char}'`);
    this.at++;
  }

  private expression(): Expr {
    let expr = this.primary();
    for (;;) {
      const next = this.peek();
      if (next === '.') {
        this.at++;
        expr = { kind: 'member', target: expr, name: this.identifier() };
      } else if (next === '[') {
        this.at++;
        const index = this.expression();
        this.expect(']');
        expr = { kind: 'index', target: expr, index };
      } else {
        return expr;
      }
    }
  }

  private primary(): Expr {
    const next = this.peek();
    if (next === "'") return this.stringLiteral();
    if (/[-\d]/.test(next)) return this.numberLiteral();
    const name = this.identifier();
    this.expect('(');
    const args: Expr[] = [];
    if (this.peek() !== ')') {
      args.push(this.expression());
      while (this.peek() === ',') {
        this.at++;
        args.push(this.expression());
      }
    }
    this.expect(')');
    return { kind: 'call', name, args };
  }

  private identifier(): string {
    this.skipSpace();
    const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.source.slice(this.at));
    if (match === null) this.fail('a name');
    this.at += match[0].length;
    return match[0];
  }

  private stringLiteral(): Expr {
    this.at++; // opening quote
    let value = '';
    for (;;) {
      if (this.at >= this.source.length) this.fail("closing '");
      const char = this.source.charAt(this.at);
      if (char === "'") {
        if (this.source.charAt(this.at + 1) === "'") {
          value += "'";
          this.at += 2;
          continue;
        }
        this.at++;
        return { kind: 'string', value };
      }
      value += char;
      this.at++;
    }
  }

  private numberLiteral(): Expr {
    const match = /^-?\d+/.exec(this.source.slice(this.at));
    if (match === null) this.fail('a number');
    this.at += match[0].length;
    return { kind: 'number', value: Number(match[0]) };
  }
}

const parsed = new Map<string, Expr>();

/** Parses the inside of a bracketed expression string (cached: templates repeat the same expressions). */
export function parseExpression(text: string): Expr {
  let expr = parsed.get(text);
  if (expr === undefined) {
    expr = new Parser(text.slice(1, -1)).parseAll();
    parsed.set(text, expr);
  }
  return expr;
}

/** The expression written back as ARM text (for messages about values only known at deployment time). */
export function render(expr: Expr): string {
  switch (expr.kind) {
    case 'string':
      return `'${expr.value.replaceAll("'", "''")}'`;
    case 'number':
      return String(expr.value);
    case 'call':
      return `${expr.name}(${expr.args.map(render).join(', ')})`;
    case 'member':
      return `${render(expr.target)}.${expr.name}`;
    case 'index':
      return `${render(expr.target)}[${render(expr.index)}]`;
  }
}
