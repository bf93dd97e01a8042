// Real .xlsx files for LiveData tests, written with exceljs the way Excel stores them: formulas without "=",
// cached results beside them, shared (filled-down) formulas where asked.
import ExcelJS from 'exceljs';

export type CellSpec =
  | string
  | number
  | null
  | { formula: string; result?: unknown }
  | { sharedFormula: string; result?: unknown }
  | { formula: string; result?: unknown; shareType: 'shared'; ref: string };

/** Sheets by name, rows of cells from A1. */
export type WorkbookSpec = Record<string, CellSpec[][]>;

export async function workbookBuffer(spec: WorkbookSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(spec)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        sheet.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue;
      });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const rtd = (field: string, symbol: string, result?: unknown) => ({
  formula: `RTD("tos.rtd",,"${field}","${symbol}")`,
  result,
});

/** A TOS-style sheet: one row per symbol, ten RTD fields, the symbol in column A referenced by the formulas. */
export function rtdSheet(symbols: readonly string[], price: (i: number, field: string) => number): CellSpec[][] {
  const fields = ['LAST', 'BID', 'ASK', 'MARK', 'BID_SIZE', 'ASK_SIZE', 'VOLUME', 'NET_CHANGE', 'HIGH', 'LOW'];
  return [
    ['Symbol', ...fields],
    ...symbols.map((symbol, i) => [
      symbol,
      ...fields.map((field) => ({ formula: `RTD("tos.rtd",,"${field}",$A${i + 2})`, result: price(i, field) })),
    ]),
  ];
}
