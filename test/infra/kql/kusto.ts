/**
 * The Kusto language service (npm @kusto/language-service-next: Microsoft's Kusto.Language parser and
 * semantic analyzer compiled to JavaScript with Bridge.NET) loaded in Node, with the few calls the tests use.
 * The package publishes browser scripts that define globals (Bridge, Kusto), so they are loaded for their
 * side effect and the API is typed here by hand.
 */
import { createRequire } from 'node:module';

interface KustoList<T> {
  readonly Count: number;
  getItem(index: number): T;
}

interface KustoDiagnostic {
  readonly Severity: string;
  readonly Code: string;
  readonly Message: string;
  readonly Start: number;
}

/** A table, database or function symbol (opaque here). */
interface KustoSymbol {
  readonly Name: string;
}

interface KustoGlobals {
  WithDatabase(database: KustoSymbol): KustoGlobals;
}

interface KustoLanguage {
  readonly Symbols: {
    readonly TableSymbol: {
      readonly $ctor7: new (name: string, schema: string, description: string | null) => KustoSymbol;
    };
    readonly DatabaseSymbol: { readonly ctor: new (name: string, members: KustoSymbol[]) => KustoSymbol };
    readonly FunctionSymbol: {
      readonly $ctor16: new (
        name: string,
        parameterList: string,
        body: string,
        description: string | null,
      ) => KustoSymbol;
    };
  };
  readonly GlobalState: { readonly Default: KustoGlobals };
  readonly KustoCode: {
    ParseAndAnalyze(text: string, globals: KustoGlobals): { GetDiagnostics(): KustoList<KustoDiagnostic> };
  };
}

function language(): KustoLanguage {
  const load = createRequire(import.meta.url);
  load('@kusto/language-service-next/bridge.js');
  load('@kusto/language-service-next/Kusto.Language.Bridge.js');
  const kusto = (globalThis as { Kusto?: { Language?: KustoLanguage } }).Kusto?.Language;
  if (kusto === undefined) throw new Error('@kusto/language-service-next did not define Kusto.Language');
  return kusto;
}

const kusto = language();

/** A table as its name and `(column:type, ...)` schema. */
export interface TableSchema {
  readonly name: string;
  readonly columns: Readonly<Record<string, string>>;
}

/** A stored function: name, parameter list as Log Analytics stores it, and body. */
export interface StoredFunction {
  readonly name: string;
  readonly parameters: string;
  readonly body: string;
}

export interface Finding {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

export class KustoDatabase {
  private readonly globals: KustoGlobals;

  constructor(tables: readonly TableSchema[], functions: readonly StoredFunction[] = []) {
    const members = [
      ...tables.map((t) => {
        const schema = Object.entries(t.columns)
          .map(([column, type]) => `['${column}']:${type}`)
          .join(', ');
        return new kusto.Symbols.TableSymbol.$ctor7(t.name, `(${schema})`, null);
      }),
      ...functions.map(
        (f) => new kusto.Symbols.FunctionSymbol.$ctor16(f.name, `(${f.parameters})`, `{\n${f.body}\n}`, null),
      ),
    ];
    this.globals = kusto.GlobalState.Default.WithDatabase(new kusto.Symbols.DatabaseSymbol.ctor('workspace', members));
  }

  /** Parser and semantic diagnostics (errors and warnings) of a query against this database. */
  analyze(query: string): Finding[] {
    const diagnostics = kusto.KustoCode.ParseAndAnalyze(query, this.globals).GetDiagnostics();
    const findings: Finding[] = [];
    for (let i = 0; i < diagnostics.Count; i++) {
      const d = diagnostics.getItem(i);
      findings.push({ severity: d.Severity, code: d.Code, message: d.Message, at: d.Start });
    }
    return findings;
  }

  /** Diagnostics of a stored function's body, its parameters declared as query parameters. */
  analyzeFunction(f: StoredFunction): Finding[] {
    const header = `declare query_parameters(${f.parameters});\n`;
    return this.analyze(header + f.body).map((finding) => ({ ...finding, at: finding.at - header.length }));
  }
}
