/** Reads `network.csv` (RFC 4180, as generate/networkFiles.ts writes it) back into rows, for the Network view. */

export interface NetworkRow {
  fromNode: string;
  fromHost: string;
  toNode: string;
  toHost: string;
  port: string;
  protocol: string;
  purpose: string;
}

/** The records of a CSV text: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** A spreadsheet-safe cell back to its text: the `'` written before = + - @ goes. */
function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The rows of `network.csv`, without its header; records of the wrong width are left out. */
export function networkRows(text: string): NetworkRow[] {
  return parseCsv(text)
    .slice(1)
    .filter((r) => r.length === 7)
    .map((r) => {
      const [fromNode = '', fromHost = '', toNode = '', toHost = '', port = '', protocol = '', purpose = ''] = r.map(unguard);
      return { fromNode, fromHost, toNode, toHost, port, protocol, purpose };
    });
}
