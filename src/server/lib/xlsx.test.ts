import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readXlsx, unzip } from '../../../test/api/reports.fixtures.js';
import { bool, num, text, type Cell } from './csv.js';
import { columnName, crc32, xlsxStream, xmlText } from './xlsx.js';

async function collect(gen: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of gen) parts.push(b);
  return Buffer.concat(parts);
}

async function* chunks(rows: Cell[][], size: number): AsyncGenerator<Cell[][]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('xlsx', () => {
  it('names columns', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('computes ZIP CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926);
  });

  it('escapes XML and drops characters XML cannot hold', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('x\u0000y\u0008z\uD800')).toBe('xyz');
    expect(xmlText('tab\tnew\nline 😀')).toBe('tab\tnew\nline 😀');
  });

  it('writes a workbook that reads back cell by cell', async () => {
    const rows: Cell[][] = [
      [text('=1+1'), num('-12.50'), bool(true), null, text('  padded  ')],
      [text('<tag> & "quotes"'), num('7.5'), bool(false), text('line\nbreak'), text('ünïcødé 😀')],
    ];
    const file = await collect(
      xlsxStream({ sheetName: 'Time', header: ['A', 'B', 'C', 'D', 'E'], rows: chunks(rows, 1) }),
    );
    const sheets = readXlsx(file);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.name).toBe('Time');
    expect(sheets[0]!.rows).toEqual([
      ['A', 'B', 'C', 'D', 'E'],
      ['=1+1', -12.5, true, null, '  padded  '],
      ['<tag> & "quotes"', 7.5, false, 'line\nbreak', 'ünïcødé 😀'],
    ]);
  });

  it('continues on further sheets past the row limit, header repeated', async () => {
    const rows: Cell[][] = Array.from({ length: 10 }, (_, i) => [num(String(i))]);
    const file = await collect(
      xlsxStream({ sheetName: 'Expense', header: ['N'], rows: chunks(rows, 3), maxSheetRows: 5 }),
    );
    const sheets = readXlsx(file);
    expect(sheets.map((s) => s.name)).toEqual(['Expense', 'Expense (2)', 'Expense (3)']);
    expect(sheets.map((s) => s.rows.length)).toEqual([5, 5, 3]);
    expect(sheets.flatMap((s) => s.rows.slice(1).map((r) => r[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('writes a header-only workbook for no rows', async () => {
    const file = await collect(xlsxStream({ sheetName: 'Time', header: ['ID'], rows: chunks([], 1) }));
    expect(readXlsx(file)).toEqual([{ name: 'Time', rows: [['ID']] }]);
  });

  it('round-trips any text and any decimal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: -1e9, max: 1e9 })),
          { maxLength: 20 },
        ),
        async (values) => {
          const rows = values.map(([s, n]) => [text(s), num(String(n / 100))]);
          const file = await collect(
            xlsxStream({ sheetName: 'T', header: ['S', 'N'], rows: chunks(rows, 7) }),
          );
          const back = readXlsx(file)[0]!.rows.slice(1);
          expect(back).toEqual(values.map(([s, n]) => [s, n / 100]));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is a valid ZIP for unzip -t when unzip is installed', async () => {
    if (!existsSync('/usr/bin/unzip')) return;
    const rows: Cell[][] = Array.from({ length: 2000 }, (_, i) => [num(String(i)), text(`row ${i}`)]);
    const file = await collect(
      xlsxStream({ sheetName: 'Time', header: ['N', 'S'], rows: chunks(rows, 500) }),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xlsx-'));
    try {
      const p = path.join(dir, 'r.xlsx');
      writeFileSync(p, file);
      const out = execFileSync('/usr/bin/unzip', ['-t', p]).toString();
      expect(out).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect([...unzip(file).keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
  });

  it('stops reading its source when the consumer stops', async () => {
    let produced = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Cell[][]> {
      try {
        for (;;) {
          produced++;
          yield Array.from({ length: 1000 }, (_, i) => [text(`x${i}`.repeat(20))]);
        }
      } finally {
        closed = true;
      }
    }
    let bytes = 0;
    for await (const b of xlsxStream({ sheetName: 'T', header: ['X'], rows: endless() })) {
      bytes += b.length;
      if (bytes > 200_000) break;
    }
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(1000);
  });
});
