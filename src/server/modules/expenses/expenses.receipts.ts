/**
 * Receipt images and PDFs (API.md §4.12): base64 in the item body, decoded, size-capped and checked
 * against the declared ReceiptFileType before they are stored. Pure.
 */
import { RECEIPT_FILE_TYPES, type ReceiptFileType } from '../../../contract/expenses.js';

/** The largest decoded receipt (the 10 MiB JSON body limit usually binds first: base64 adds a third). */
export const MAX_RECEIPT_BYTES = 8 * 1024 * 1024;

export type StoredReceiptType =
  'image/jpeg' | 'image/png' | 'image/gif' | 'image/tiff' | 'image/bmp' | 'application/pdf';

/** The canonical MIME type a declared ReceiptFileType is stored and served as. */
export function canonicalReceiptType(declared: string): StoredReceiptType | undefined {
  const t = declared.trim().toLowerCase() as ReceiptFileType;
  if (!RECEIPT_FILE_TYPES.includes(t)) return undefined;
  if (t.includes('jpeg')) return 'image/jpeg';
  if (t.includes('png')) return 'image/png';
  if (t.includes('gif')) return 'image/gif';
  if (t.includes('tiff')) return 'image/tiff';
  if (t.includes('bmp')) return 'image/bmp';
  return 'application/pdf';
}

export const RECEIPT_EXTENSION: Record<StoredReceiptType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
  'image/bmp': 'bmp',
  'application/pdf': 'pdf',
};

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** Whether the content looks like the declared type (so nothing else is ever served under its name). */
export function matchesType(data: Buffer, type: StoredReceiptType): boolean {
  switch (type) {
    case 'image/jpeg':
      return startsWith(data, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/gif':
      return startsWith(data, [0x47, 0x49, 0x46, 0x38]);
    case 'image/tiff':
      return startsWith(data, [0x49, 0x49, 0x2a, 0x00]) || startsWith(data, [0x4d, 0x4d, 0x00, 0x2a]);
    case 'image/bmp':
      return startsWith(data, [0x42, 0x4d]);
    case 'application/pdf':
      // The PDF header may follow a little leading junk (ISO 32000-1, 7.5.2).
      return data.subarray(0, 1024).includes('%PDF-');
  }
}

export type DecodedReceipt =
  | { ok: true; data: Buffer; type: StoredReceiptType }
  | { ok: false; problem: 'invalid_base64' | 'empty' | 'too_large' | 'type_mismatch' | 'unknown_type' };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a receipt. Accepts standard or URL-safe base64, with or without padding, line breaks or a
 * `data:…;base64,` prefix. The size is checked before decoding so an oversized body is never copied.
 */
export function decodeReceipt(
  base64: string,
  declaredType: string,
  maxBytes = MAX_RECEIPT_BYTES,
): DecodedReceipt {
  const type = canonicalReceiptType(declaredType);
  if (!type) return { ok: false, problem: 'unknown_type' };
  let text = base64;
  const comma = text.indexOf(',');
  if (text.startsWith('data:') && comma > 0 && text.slice(0, comma).endsWith(';base64'))
    text = text.slice(comma + 1);
  text = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (text === '') return { ok: false, problem: 'empty' };
  if (!BASE64.test(text) || text.length % 4 === 1) return { ok: false, problem: 'invalid_base64' };
  const unpadded = text.replace(/=+$/, '').length;
  if (text.includes('=') && text.length % 4 !== 0) return { ok: false, problem: 'invalid_base64' };
  const size = Math.floor((unpadded * 3) / 4);
  if (size > maxBytes) return { ok: false, problem: 'too_large' };
  const data = Buffer.from(text, 'base64');
  if (data.length === 0) return { ok: false, problem: 'empty' };
  if (!matchesType(data, type)) return { ok: false, problem: 'type_mismatch' };
  return { ok: true, data, type };
}
