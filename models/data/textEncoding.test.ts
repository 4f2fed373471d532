/**
 * Excel's "Unicode Text" (UTF-16LE with a BOM, tab-separated), UTF-16BE and Windows-1252 exports
 * are decoded (detected, or chosen in the CSV options); other encodings are refused by name with how
 * to re-save. Node's Buffer is the independent reference for the decoders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { importFile } from './importFile';
import { decodeText, detectEncoding, encodeUtf8 } from './textEncoding';

let conn: ClosableSqlConnection;
beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

const bytes = (buffer: Buffer) => new Uint8Array(buffer);
const utf16le = (text: string) =>
  bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let index = 0; index < le.length; index += 2)
    [le[index], le[index + 1]] = [le[index + 1], le[index]];
  return bytes(Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
};
/** Windows-1252 bytes of text whose characters are all in that code page (€ is 0x80). */
const cp1252 = (text: string) =>
  bytes(Buffer.from(Array.from(text, (char) => (char === '€' ? 0x80 : char.charCodeAt(0)))));

/** Mondays from 2024-01-01, as Excel writes a German sheet: tab-separated, decimal commas. */
function sheet(weeks: number): string {
  const rows = Array.from({ length: weeks }, (_, index) => {
    const date = new Date(Date.UTC(2024, 0, 1 + 7 * index));
    const day = `${String(date.getUTCDate()).padStart(2, '0')}.${String(date.getUTCMonth() + 1).padStart(2, '0')}.${date.getUTCFullYear()}`;
    return `${day}\t${1000 + index},5\t${100 + index}`;
  });
  return ['Datum\tUmsatz\tTV_Kosten €', ...rows].join('\r\n') + '\r\n';
}

describe('text encodings', () => {
  it('decodes as Node does: UTF-16 both ways, Windows-1252, and encodes UTF-8', () => {
    const text = 'Büro € 𝄞 ok';
    expect(decodeText(bytes(Buffer.from(text, 'utf16le')), 'utf-16le')).toBe(text);
    expect(decodeText(utf16be(text).subarray(2), 'utf-16be')).toBe(text);
    expect(decodeText(cp1252('Büro € ok'), 'windows-1252')).toBe('Büro € ok');
    expect(Array.from(encodeUtf8(text))).toEqual(Array.from(Buffer.from(text, 'utf8')));
  });

  it('detects the encoding from the BOM, the NUL pattern or invalid UTF-8', () => {
    expect(detectEncoding(utf16le('a\tb\r\n'))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(detectEncoding(utf16be('a\tb\r\n'))).toEqual({ encoding: 'utf-16be', bom: 2 });
    expect(detectEncoding(bytes(Buffer.from('a\tb\r\n1\t2\r\n', 'utf16le')))).toEqual({
      encoding: 'utf-16le',
      bom: 0,
    });
    expect(detectEncoding(bytes(Buffer.from('\ufeffa,b\n', 'utf8')))).toEqual({
      encoding: 'utf-8',
      bom: 3,
    });
    expect(detectEncoding(bytes(Buffer.from('a,b\nü,2\n', 'utf8')))).toEqual({
      encoding: 'utf-8',
      bom: 0,
    });
    expect(detectEncoding(cp1252('a;b\nBüro;2\n'))).toEqual({ encoding: 'windows-1252', bom: 0 });
    expect(detectEncoding(bytes(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])))).toEqual({
      unsupported: 'UTF-32',
    });
  });

  it("imports Excel's Unicode text (UTF-16LE, BOM, tabs) like the same sheet in UTF-8", async () => {
    const text = sheet(60);
    const excel = await importFile(conn, { name: 'umsatz.txt', bytes: utf16le(text) });
    const plain = await importFile(conn, { name: 'umsatz.csv', bytes: encodeUtf8(text) });
    expect(excel.csv).toMatchObject({
      delimiter: '\t',
      decimalSeparator: ',',
      encoding: 'utf-16le',
    });
    expect(excel.columns).toEqual(plain.columns);
    expect(excel.columns.map((column) => column.name)).toEqual(['Datum', 'Umsatz', 'TV_Kosten €']);
    expect(excel.columns[1]).toMatchObject({ kind: 'number', min: 1000.5, max: 1059.5 });
  });

  it('imports UTF-16BE and Windows-1252 exports', async () => {
    const big = await importFile(conn, { name: 'be.csv', bytes: utf16be(sheet(3)) });
    expect(big.csv?.encoding).toBe('utf-16be');
    expect(big.columns[2].name).toBe('TV_Kosten €');
    const latin = await importFile(conn, { name: 'latin.csv', bytes: cp1252(sheet(3)) });
    expect(latin.csv?.encoding).toBe('windows-1252');
    expect(latin.columns[2]).toMatchObject({ name: 'TV_Kosten €', kind: 'number', max: 102 });
  });

  it('reads the encoding chosen in the CSV options, and refuses UTF-8 that is not', async () => {
    const chosen = await importFile(
      conn,
      { name: 'chosen.csv', bytes: cp1252(sheet(3)) },
      { csv: { encoding: 'windows-1252' } },
    );
    expect(chosen.columns[2].name).toBe('TV_Kosten €');
    await expect(
      importFile(
        conn,
        { name: 'wrong.csv', bytes: cp1252(sheet(3)) },
        { csv: { encoding: 'utf-8' } },
      ),
    ).rejects.toThrow(
      "wrong.csv: not valid UTF-8 text (byte 0x80 in line 1); choose its encoding in the CSV options (Windows-1252, say) or re-save it as 'CSV UTF-8'",
    );
  });

  it('refuses an encoding it cannot read, naming it and how to re-save', async () => {
    const utf32 = bytes(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0, 0x09, 0, 0, 0]));
    await expect(importFile(conn, { name: 'utf32.txt', bytes: utf32 })).rejects.toThrow(
      "utf32.txt: the file is UTF-32 text, which the workbench does not read; re-save it as 'CSV UTF-8 (Comma delimited)' (Excel: File › Save As) or as UTF-16 'Unicode Text'",
    );
  });
});
