/**
 * A small RFC 4180 reader for uploaded lists: quoted fields (with "" for a quote, and line breaks inside quotes),
 * CRLF or LF, a leading BOM; the delimiter is the header line's comma, semicolon or tab (spreadsheets export all
 * three). A quote left open swallows the rest of the file: that record is returned with `broken` set.
 */
export type CsvRecord = { fields: string[]; broken?: "unterminated_quote" };

const DELIMITERS = [",", ";", "\t"] as const;

function delimiterOf(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  let best: string = ",";
  let most = 0;
  for (const candidate of DELIMITERS) {
    const count = header.split(candidate).length - 1;
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

export function parseCsv(raw: string): CsvRecord[] {
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  const delimiter = delimiterOf(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      endRecord();
      if (char === "\r" && text[i + 1] === "\n") i += 1;
    } else field += char;
    i += 1;
  }
  if (quoted) {
    fields.push(field);
    records.push({ fields, broken: "unterminated_quote" });
  } else if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/** A record with nothing in it: a blank line, or a row of empty cells. */
export const isBlank = (record: CsvRecord): boolean => record.fields.every((f) => f.trim() === "");
