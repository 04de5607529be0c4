/**
 * Reads back what `-f csv` writes (cliff's dialect: Python's csv with escapechar '\\', quotes
 * doubled inside quoted fields). With the default nonnumeric quoting a quoted field is a string and
 * an unquoted one a number, a boolean, or null when empty, so values come back typed.
 */
export type CsvValue = string | number | boolean | null;

export function parseCsv(text: string): CsvValue[][] {
  const rows: CsvValue[][] = [];
  let row: CsvValue[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let touched = false;
  const end = () => {
    if (quoted) row.push(field);
    else if (field === '') row.push(null);
    else if (field === 'true' || field === 'false') row.push(field === 'true');
    else if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(field)) row.push(Number(field));
    else row.push(field);
    field = '';
    quoted = false;
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      field += text[++i];
      touched = true;
    } else if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"' && !touched) {
      inQuotes = true;
      quoted = true;
      touched = true;
    } else if (c === ',') {
      end();
    } else if (c === '\n') {
      end();
      rows.push(row);
      row = [];
    } else {
      field += c;
      touched = true;
    }
  }
  if (touched || row.length) {
    end();
    rows.push(row);
  }
  return rows;
}
