/**
 * Readers for the report exports, written independently of the writers (src/server/lib/csv.ts, xlsx.ts):
 * an RFC 4180 CSV reader and a ZIP + SpreadsheetML reader that checks every CRC.
 */
import zlib from 'node:zlib';

export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length;) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && input[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header. */
export function csvObjects(input: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(input);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Every entry of a ZIP archive, inflated, its CRC-32 and size checked against the central directory. */
export function unzip(zip: Buffer): Map<string, string> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 8 ? zlib.inflateRawSync(raw) : raw;
    if (data.length !== size) throw new Error(`size mismatch in ${name}`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    out.set(name, data.toString('utf8'));
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export type XlsxValue = string | number | boolean | null;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The sheets of an XLSX file in workbook order: name and rows of typed cell values. */
export function readXlsx(file: Buffer): { name: string; rows: XlsxValue[][] }[] {
  const parts = unzip(file);
  for (const required of [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
  ]) {
    if (!parts.has(required)) throw new Error(`missing ${required}`);
  }
  const rels = new Map<string, string>();
  for (const m of parts
    .get('xl/_rels/workbook.xml.rels')!
    .matchAll(/<Relationship Id="([^"]+)" Type="[^"]+" Target="([^"]+)"\/>/g)) {
    rels.set(m[1]!, m[2]!);
  }
  const sheets: { name: string; rows: XlsxValue[][] }[] = [];
  for (const m of parts
    .get('xl/workbook.xml')!
    .matchAll(/<sheet name="([^"]+)" sheetId="\d+" r:id="([^"]+)"\/>/g)) {
    const target = `xl/${rels.get(m[2]!)}`;
    const xml = parts.get(target);
    if (xml === undefined) throw new Error(`missing ${target}`);
    if (!parts.get('[Content_Types].xml')!.includes(`/${target}`))
      throw new Error(`no content type for ${target}`);
    const rows: XlsxValue[][] = [];
    for (const r of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)) {
      if (Number(r[1]) !== rows.length + 1) throw new Error('rows out of order');
      const row: XlsxValue[] = [];
      for (const c of r[2]!.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(.*?)<\/c>/gs)) {
        if (c[2] !== r[1]) throw new Error('cell outside its row');
        const attrs = c[3]!;
        const body = c[4]!;
        let value: XlsxValue;
        if (attrs.includes('t="inlineStr"')) value = unescapeXml(/<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? '');
        else if (attrs.includes('t="b"')) value = /<v>1<\/v>/.test(body);
        else value = Number(/<v>(.*?)<\/v>/.exec(body)?.[1]);
        const index = columnIndex(c[1]!);
        while (row.length < index) row.push(null);
        row[index] = value;
      }
      rows.push(row);
    }
    sheets.push({ name: unescapeXml(m[1]!), rows });
  }
  return sheets;
}

/** All data rows of every sheet as objects keyed by the (repeated) header. */
export function xlsxObjects(file: Buffer): Record<string, XlsxValue>[] {
  const out: Record<string, XlsxValue>[] = [];
  for (const sheet of readXlsx(file)) {
    const [header, ...rows] = sheet.rows;
    for (const r of rows) out.push(Object.fromEntries(header!.map((h, i) => [String(h), r[i] ?? null])));
  }
  return out;
}
