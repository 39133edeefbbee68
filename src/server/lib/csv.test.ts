import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// An RFC 4180 reader written independently of the writer (shared with the report export tests).
import { parseCsv } from '../../../test/api/reports.fixtures.js';
import { bool, csvCell, csvHeader, csvRow, csvText, id, num, scaledToText, text } from './csv.js';

describe('csv', () => {
  it('quotes fields with quotes, commas and line breaks', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('cr\r')).toBe('"cr\r"');
  });

  it('guards text that a spreadsheet would run as a formula', () => {
    expect(csvText('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-1')).toBe("'-1");
    expect(csvText('@cmd')).toBe("'@cmd");
    expect(csvText('\tx')).toBe("'\tx");
    expect(csvText('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvText('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers, negative ones too, and booleans as true/false', () => {
    expect(csvCell(num('-12.50'))).toBe('-12.50');
    expect(csvCell(num('7.5'))).toBe('7.5');
    expect(csvCell(bool(true))).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(text(null))).toBe('');
    // A "number" that is not one is treated as text.
    expect(csvCell(num('=1+1'))).toBe("'=1+1");
  });

  it('writes minted IDs as they are, even with a leading "-", and guards anything else', () => {
    expect(csvCell(id('-8FwI_0bo0MQ'))).toBe('-8FwI_0bo0MQ');
    expect(csvCell(id('=cmd|x'))).toBe("'=cmd|x");
    expect(csvCell(id('-1+1'))).toBe("'-1+1");
  });

  it('ends rows with CRLF', () => {
    expect(csvHeader(['ID', 'Date'])).toBe('ID,Date\r\n');
    expect(csvRow([text('x'), num('1'), null])).toBe('x,1,\r\n');
  });

  it('round-trips any text through a reader (formula guard aside)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = csvRow(fields.map((f) => text(f)));
        const [parsed] = parseCsv(line);
        const expected = fields.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f));
        expect(parsed).toEqual(expected);
      }),
    );
  });
});

describe('scaledToText', () => {
  it('writes exact decimals', () => {
    expect(scaledToText(12345, 2)).toBe('123.45');
    expect(scaledToText(-5, 2)).toBe('-0.05');
    expect(scaledToText(0, 2)).toBe('0.00');
    expect(scaledToText(75000, 4, true)).toBe('7.5');
    expect(scaledToText(80000, 4, true)).toBe('8');
    expect(scaledToText(1, 4, true)).toBe('0.0001');
    expect(scaledToText(42, 0)).toBe('42');
  });

  it('agrees with the decimal value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (v, s) => {
        expect(Number(scaledToText(v, s))).toBe(v / 10 ** s);
      }),
    );
  });
});
