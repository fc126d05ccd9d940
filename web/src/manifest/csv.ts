// RFC 4180 CSV: fields separated by commas, records by CRLF (LF alone is read too), a field in
// double quotes may hold commas, quotes (doubled) and line breaks. A UTF-8 BOM (as spreadsheet
// programs write it) is skipped. Malformed input is an error that names the line.

export class CsvError extends Error {}

/** The records of `text`; a last line break does not make an empty record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let atFieldStart = true;
  let quotedField = false;
  const endField = () => { record.push(field); field = ''; atFieldStart = true; quotedField = false; };
  const endRecord = () => { endField(); records.push(record); record = []; };

  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      // A quoted field: runs to the closing quote; "" is one quote.
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError(`line ${opened}: a quoted field is never closed`);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      atFieldStart = false;
      quotedField = true;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError(`line ${line}: text after the closing quote of a field`);
      }
      continue;
    }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (c === '"') throw new CsvError(`line ${line}: a quote inside a field that does not start with one`);
    if (quotedField) throw new CsvError(`line ${line}: text after the closing quote of a field`);
    field += c;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || record.length > 0) endRecord();
  return records;
}

/** One field, quoted only when it has to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF, as RFC 4180 writes it. */
export function csvRecord(fields: string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
