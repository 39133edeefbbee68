/**
 * A streaming XLSX (Office Open XML spreadsheet) writer with no dependency: a ZIP archive written as it
 * goes (node:zlib deflateRaw, CRC-32, data descriptors after each streamed entry), whose worksheets are
 * produced row by row from an async source. Memory stays constant whatever the number of rows: nothing
 * but the current chunk of rows and zlib's window is held.
 *
 * - Strings are inline (`t="inlineStr"`): no shared-string table to build in memory. Inline strings are
 *   never evaluated as formulas, so no formula-injection guard is needed here (unlike CSV).
 * - Numbers are written from exact decimal strings; booleans as `t="b"`; empty cells are left out.
 * - A worksheet holds at most 1,048,576 rows (Excel's limit) and ~1.5 GiB of XML; more rows continue on
 *   the next sheet ("Time", "Time (2)", …). The header row repeats on each sheet, bold and frozen.
 * - [Content_Types].xml and the workbook parts come last, once the number of sheets is known (ZIP and OPC
 *   do not care about the order of entries).
 * - No ZIP64: an archive stops with an error past 4 GiB (tens of millions of rows; use CSV beyond).
 */
import zlib from 'node:zlib';
import type { Cell } from './csv.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_SHEET_ROWS = 1_048_576;
const MAX_SHEET_BYTES = 1_500_000_000;
const MAX_ZIP32 = 0xffffffff;
const MAX_CELL_CHARS = 32_767;

// ——— CRC-32 ———

let table: Uint32Array | undefined;
function crc32Js(data: Buffer, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = ~value >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** CRC-32 (ZIP's), continuing from `value`; zlib's native one where Node has it (≥ 20.15). */
export const crc32: (data: Buffer, value?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data, value = 0) => zlib.crc32(data, value)
    : crc32Js;

// ——— ZIP ———

interface EntryRecord {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

/** Waits until a writable drains or closes (a destroyed stream never drains). */
function drained(stream: zlib.DeflateRaw): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

class ZipWriter {
  private offset = 0;
  private readonly entries: EntryRecord[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(now: Date) {
    this.stamp = dosDateTime(now);
  }

  private advance(buf: Buffer): Buffer {
    this.offset += buf.length;
    if (this.offset > MAX_ZIP32)
      throw new RangeError('The XLSX archive would exceed 4 GiB; export CSV instead.');
    return buf;
  }

  private localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  /** A small entry whose bytes are known: sizes and CRC in the local header. */
  *whole(path: string, content: string): Generator<Buffer> {
    const name = Buffer.from(path, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const crc = crc32(data);
    const offset = this.offset;
    yield this.advance(this.localHeader(name, FLAG_UTF8, crc, packed.length, data.length));
    yield this.advance(packed);
    this.entries.push({
      name,
      flags: FLAG_UTF8,
      crc,
      compressedSize: packed.length,
      size: data.length,
      offset,
    });
  }

  /** An entry streamed from `source` through deflateRaw; CRC and sizes follow in a data descriptor. */
  async *streamed(path: string, source: AsyncIterable<string>): AsyncGenerator<Buffer> {
    const name = Buffer.from(path, 'utf8');
    const offset = this.offset;
    yield this.advance(this.localHeader(name, FLAG_UTF8 | FLAG_DESCRIPTOR, 0, 0, 0));
    // Level 4: most of level 6's ratio on repetitive XML at a good deal less CPU.
    const z = zlib.createDeflateRaw({ level: 4 });
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let failure: Error | undefined;
    const pump = (async () => {
      try {
        for await (const piece of source) {
          if (z.destroyed) return;
          const buf = Buffer.from(piece, 'utf8');
          crc = crc32(buf, crc);
          size += buf.length;
          if (size > MAX_ZIP32) throw new RangeError('An XLSX part would exceed 4 GiB.');
          if (!z.write(buf)) await drained(z);
        }
        z.end();
      } catch (error) {
        failure = error instanceof Error ? error : new Error('The XLSX source failed.');
        z.destroy(failure);
      }
    })();
    try {
      for await (const out of z as AsyncIterable<Buffer>) {
        compressedSize += out.length;
        yield this.advance(out);
      }
    } catch (error) {
      const cause: unknown = failure ?? error;
      throw cause instanceof Error ? cause : new Error(String(cause));
    } finally {
      if (!z.destroyed && !z.writableFinished) z.destroy();
      await pump;
    }
    if (failure) throw failure;
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc, 4);
    d.writeUInt32LE(compressedSize, 8);
    d.writeUInt32LE(size, 12);
    yield this.advance(d);
    this.entries.push({ name, flags: FLAG_UTF8 | FLAG_DESCRIPTOR, crc, compressedSize, size, offset });
  }

  /** The central directory and its end record. */
  *finish(): Generator<Buffer> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      yield this.advance(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    yield this.advance(end);
  }
}

// ——— SpreadsheetML ———

const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data: escaped, characters XML 1.0 cannot hold removed. */
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function cellXml(cell: Cell, ref: string, style = ''): string {
  if (cell === null) return '';
  switch (cell.kind) {
    case 'number':
      if (/^-?\d+(\.\d+)?$/.test(cell.value)) return `<c r="${ref}"${style}><v>${cell.value}</v></c>`;
      return cellXml({ kind: 'text', value: cell.value }, ref, style);
    case 'bool':
      return `<c r="${ref}"${style} t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    case 'id':
    case 'text': {
      const value = cell.value.length > MAX_CELL_CHARS ? cell.value.slice(0, MAX_CELL_CHARS) : cell.value;
      const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
      return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
    }
  }
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES =
  XML_DECL +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(base: string, n: number): string {
  const clean = base.replace(/[:\\/?*[\]]/g, ' ').trim() || 'Sheet';
  const suffix = n === 1 ? '' : ` (${n})`;
  return clean.slice(0, 31 - suffix.length) + suffix;
}

export interface XlsxOptions {
  /** The worksheet's name (further sheets get " (2)", " (3)", …). */
  sheetName: string;
  header: readonly string[];
  /** Rows in chunks, as they come from the database. */
  rows: AsyncIterable<readonly (readonly Cell[])[]>;
  now?: Date;
  /** Rows per sheet including the header (tests lower it). */
  maxSheetRows?: number;
}

/** The XLSX file as a stream of buffers. */
export async function* xlsxStream(options: XlsxOptions): AsyncGenerator<Buffer> {
  const zip = new ZipWriter(options.now ?? new Date());
  const perSheet = Math.max(2, options.maxSheetRows ?? MAX_SHEET_ROWS) - 1;
  const columns = options.header.map((_, i) => columnName(i));
  const headerXml =
    '<row r="1">' +
    options.header.map((h, i) => cellXml({ kind: 'text', value: h }, `${columns[i]}1`, ' s="1"')).join('') +
    '</row>';
  const iterator = options.rows[Symbol.asyncIterator]();
  let pending: (readonly Cell[])[] = [];
  let exhausted = false;

  async function refill(): Promise<boolean> {
    while (pending.length === 0 && !exhausted) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else pending = [...next.value];
    }
    return pending.length > 0;
  }

  async function* sheet(): AsyncGenerator<string> {
    yield (
      XML_DECL +
      `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      '<sheetData>' +
      headerXml
    );
    let written = 0;
    let bytes = 0;
    let rowNumber = 1;
    while (written < perSheet && bytes < MAX_SHEET_BYTES && (await refill())) {
      const take = pending.splice(0, Math.min(pending.length, perSheet - written));
      const parts: string[] = [];
      for (const row of take) {
        rowNumber++;
        let xml = `<row r="${rowNumber}">`;
        for (let i = 0; i < row.length; i++)
          xml += cellXml(row[i] ?? null, `${columns[i] ?? columnName(i)}${rowNumber}`);
        parts.push(xml + '</row>');
      }
      written += take.length;
      const chunk = parts.join('');
      bytes += chunk.length;
      yield chunk;
    }
    yield '</sheetData></worksheet>';
  }

  const names: string[] = [];
  try {
    do {
      names.push(sheetName(options.sheetName, names.length + 1));
      yield* zip.streamed(`xl/worksheets/sheet${names.length}.xml`, sheet());
    } while (await refill());
  } finally {
    if (!exhausted) await iterator.return?.();
  }

  yield* zip.whole('xl/styles.xml', STYLES);
  yield* zip.whole(
    'xl/workbook.xml',
    XML_DECL +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  yield* zip.whole(
    'xl/_rels/workbook.xml.rels',
    XML_DECL +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${names.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  yield* zip.whole(
    '_rels/.rels',
    XML_DECL +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  );
  yield* zip.whole(
    '[Content_Types].xml',
    XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      names
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  yield* zip.finish();
}
