// What Excel adds to a saved RTD workbook that exceljs does not write: xl/volatileDependencies.xml (every live
// topic, its evaluated arguments and current value, the cells that show it), and the workbook's defined names. And
// the oracle: the same workbook model built by exceljs's own reader, for differential tests of ours.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CellValue, ModelCell, ModelSheet, WorkbookModel } from '../../src/main/livedata/workbookModel';

export interface TopicSpec {
  readonly server?: string;
  /** The topic strings after the ProgID; the server argument (empty) first is added for you. */
  readonly field: string;
  readonly symbol: string;
  readonly extra?: readonly string[];
  /** The topic's value: a number, text, a boolean, or { error: '#N/A' }. */
  readonly value: number | string | boolean | { error: string };
  /** Cells that show it, on the sheet with this sheetId (exceljs numbers sheets from 1). */
  readonly cells: readonly { sheetId: number; ref: string }[];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function volatileDependenciesXml(topics: readonly TopicSpec[]): string {
  const byServer = new Map<string, TopicSpec[]>();
  for (const topic of topics) {
    const server = topic.server ?? 'tos.rtd';
    byServer.set(server, [...(byServer.get(server) ?? []), topic]);
  }
  const mains = [...byServer]
    .map(([server, list]) => {
      const tps = list
        .map((t) => {
          const [type, v] =
            typeof t.value === 'number'
              ? ['', String(t.value)]
              : typeof t.value === 'string'
                ? [' t="s"', t.value]
                : typeof t.value === 'boolean'
                  ? [' t="b"', t.value ? '1' : '0']
                  : [' t="e"', t.value.error];
          const stps = ['', t.field, t.symbol, ...(t.extra ?? [])].map((s) => (s === '' ? '<stp/>' : `<stp>${escapeXml(s)}</stp>`)).join('');
          const trs = t.cells.map((c) => `<tr r="${c.ref}" s="${c.sheetId}"/>`).join('');
          return `<tp${type}><v>${escapeXml(v)}</v>${stps}${trs}</tp>`;
        })
        .join('');
      return `<main first="${escapeXml(server)}">${tps}</main>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<volTypes xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><volType type="realTimeData">${mains}</volType></volTypes>`
  );
}

/** The workbook with a volatileDependencies part, registered as Excel registers it. */
export async function withVolatileDependencies(buffer: Buffer, topics: readonly TopicSpec[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  zip.file('xl/volatileDependencies.xml', volatileDependenciesXml(topics));
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/volatileDependencies.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.volatileDependencies+xml"/></Types>',
    ),
  );
  const relsPath = 'xl/_rels/workbook.xml.rels';
  const rels = await zip.file(relsPath)!.async('string');
  zip.file(
    relsPath,
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdVolatile" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/volatileDependencies" Target="volatileDependencies.xml"/></Relationships>',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function oracleValue(cell: ExcelJS.Cell): CellValue {
  // exceljs drops a cached 0 from cell.value (exceljs issue 2943): read a formula's result from cell.result.
  const raw: unknown = cell.type === ExcelJS.ValueType.Formula || cell.formula ? cell.result : cell.value;
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'object' && 'error' in raw) return { error: String((raw as { error: unknown }).error) };
  if (typeof raw === 'object' && 'richText' in raw) return (raw as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof raw === 'object' && 'text' in raw) return String((raw as { text: unknown }).text);
  return null;
}

/** The workbook model as exceljs reads the file: the oracle our zip reader must agree with. */
export async function exceljsModel(buffer: Buffer): Promise<WorkbookModel> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets: ModelSheet[] = [];
  workbook.eachSheet((sheet) => {
    const rows = new Map<number, Map<number, ModelCell>>();
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = new Map<number, ModelCell>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = oracleValue(cell);
        const formula = cell.formula && /rtd/i.test(cell.formula) ? cell.formula : undefined;
        if (value === null && formula === undefined) return;
        cells.set(col, formula === undefined ? { value } : { value, formula });
      });
      if (cells.size > 0) rows.set(rowNumber, cells);
    });
    sheets.push({ name: sheet.name, sheetId: sheet.id, rows });
  });
  return { sheets, names: [], volatile: null };
}
