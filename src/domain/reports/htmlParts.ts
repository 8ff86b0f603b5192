/** The few HTML pieces the report pages are built from; every text passes through escape. */

export function section(title: string, body: string): string {
  return `<section><h2>${escape(title)}</h2>${body}</section>`;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.some((header) => header !== '')
    ? `<tr>${headers.map((header) => `<th>${escape(header)}</th>`).join('')}</tr>`
    : '';
  return `<table>${head}${rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('')}</table>`;
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
