// The tick path's workbook reader: straight from the zip, only the parts quotes need (the sheet list and defined
// names, shared strings, volatileDependencies, the worksheets' cells), each streamed once through the XML tokenizer
// within the read's budgets. Builds the workbook model; the quote rules live in workbook.ts. Never writes the file.
import { quotesOfWorkbook } from '../workbook';
import type { Snapshot } from '../snapshot';
import { DEFAULT_READ_BUDGETS, type ReadBudgets } from '../readLimits';
import { parseAddress, VolatileTopics, type DefinedName, type ModelCell, type ModelSheet, type WorkbookModel } from '../workbookModel';
import { cachedValue, cellValueOf, SharedFormulas } from './cellValues';
import { plainVolatileTopics, plainWorksheetCells } from './plainParts';
import { XmlScan, xmlText, type XmlHandler } from './xmlScan';
import { ParsedParts, WorkbookFormatError, WorkbookZip, type PartLimits } from './zipParts';

const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

// The sheet list, relationships and shared strings of the workbook read every second are nearly always those of the
// last read: parsed once, kept with their packed bytes (zipParts.ts ParsedParts), and shared by the reads' models.
const keptParts = new ParsedParts();

/** Reads a workbook already in memory into quotes, within the budgets (the file's size was checked by the caller). */
export async function readWorkbookBuffer(buffer: Buffer, budgets: ReadBudgets = DEFAULT_READ_BUDGETS, startedAt = performance.now()): Promise<Snapshot> {
  return quotesOfWorkbook(await readWorkbookModel(buffer, budgets, startedAt));
}

export async function readWorkbookModel(buffer: Buffer, budgets: ReadBudgets = DEFAULT_READ_BUDGETS, startedAt = performance.now()): Promise<WorkbookModel> {
  const limits: PartLimits = { maxUnpackedBytes: budgets.maxUnpackedBytes, deadline: startedAt + budgets.maxReadMs };
  const zip = await WorkbookZip.open(buffer, limits);
  try {
    const workbookPath = zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : await officeDocumentPath(zip, limits);
    const book = await zip.readParsed(workbookPath, 'workbook', keptParts, (xml) => scanWorkbook(xml, limits));
    if (!book) throw new WorkbookFormatError('not a workbook: the file has no workbook part (is it an Excel file?)');
    const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
    const relsPath = `${folder}_rels/${workbookPath.slice(folder.length)}.rels`;
    const rels = await readRelationships(zip, relsPath, folder, limits);

    const sharedStringsPath = rels.byType.get('sharedStrings') ?? `${folder}sharedStrings.xml`;
    const sharedStrings = (await zip.readParsed(sharedStringsPath, 'sharedStrings', keptParts, (xml) => scanSharedStrings(xml, limits))) ?? [];

    const volatilePath = rels.byType.get('volatileDependencies') ?? `${folder}volatileDependencies.xml`;
    const volatileXml = await zip.read(volatilePath);
    const volatile = volatileXml ? (plainVolatileTopics(volatileXml, limits) ?? scanVolatileDependencies(volatileXml, limits)) : null;

    const sheets: ModelSheet[] = [];
    for (const sheet of book.sheets) {
      const path = rels.byId.get(sheet.relId);
      // Chart sheets and dialog sheets have no cells.
      if (!path || !/worksheets\//.test(path)) continue;
      const xml = await zip.read(path);
      if (!xml) continue;
      // With volatileDependencies, RTD values and the cells that show them come from there: formulas are not needed.
      const keepFormulas = volatile === null;
      const rows = plainWorksheetCells(path, xml, sharedStrings, keepFormulas, limits) ?? scanWorksheet(xml, sharedStrings, keepFormulas, limits);
      sheets.push({ name: sheet.name, sheetId: sheet.sheetId, rows });
    }
    // Names local to a sheet count sheets by their place among all <sheet> entries, chart sheets included.
    const names = book.names.map((n) => {
      const target = n.sheetIndex === null ? undefined : book.sheets[n.sheetIndex];
      const at = target ? sheets.findIndex((s) => s.name === target.name) : -1;
      return { ...n, sheetIndex: n.sheetIndex === null ? null : at };
    });
    return { sheets, names, volatile };
  } finally {
    zip.close();
  }
}

async function officeDocumentPath(zip: WorkbookZip, limits: PartLimits): Promise<string> {
  const rels = await readRelationships(zip, '_rels/.rels', '', limits);
  const path = rels.byType.get('officeDocument');
  if (!path) throw new WorkbookFormatError('not a workbook: the file has no workbook part (is it an Excel file?)');
  return path;
}

interface Relationships {
  readonly byId: ReadonlyMap<string, string>;
  /** The last part of the type (`sharedStrings`, `worksheet`) -> the part's path. */
  readonly byType: ReadonlyMap<string, string>;
}

async function readRelationships(zip: WorkbookZip, path: string, folder: string, limits: PartLimits): Promise<Relationships> {
  return (await zip.readParsed(path, `relationships from ${folder}`, keptParts, (xml) => scanRelationships(xml, folder, limits))) ?? { byId: new Map(), byType: new Map() };
}

function scanRelationships(xml: Buffer, folder: string, limits: PartLimits): Relationships {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  XmlScan.run(
    xml,
    {
      open(name, scan) {
        if (name !== 'Relationship') return;
        const id = scan.attr('Id');
        const target = scan.attr('Target');
        const type = scan.attr('Type') ?? '';
        if (!id || !target || scan.attr('TargetMode') === 'External') return;
        const resolved = resolvePartPath(folder, target);
        byId.set(id, resolved);
        if (type.startsWith(RELATIONSHIP) || type.includes('/relationships/')) byType.set(type.slice(type.lastIndexOf('/') + 1), resolved);
      },
      close() {},
    },
    limits,
  );
  return { byId, byType };
}

/** `worksheets/sheet1.xml` from `xl/` -> `xl/worksheets/sheet1.xml`; `/xl/x.xml` -> `xl/x.xml`; `../a` climbs. */
function resolvePartPath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

interface BookSheet {
  readonly name: string;
  readonly sheetId: number | null;
  readonly relId: string;
}

function scanWorkbook(xml: Uint8Array, limits: PartLimits): { readonly sheets: readonly BookSheet[]; readonly names: readonly DefinedName[] } {
  const sheets: BookSheet[] = [];
  const names: DefinedName[] = [];
  let name: { name: string; sheetIndex: number | null } | null = null;
  XmlScan.run(
    xml,
    {
      open(tag, scan) {
        if (tag === 'sheet') {
          const sheetId = Number(scan.attr('sheetId'));
          sheets.push({ name: scan.attr('name') ?? '', sheetId: Number.isInteger(sheetId) ? sheetId : null, relId: scan.attr('id') ?? '' });
        } else if (tag === 'definedName') {
          const local = scan.attr('localSheetId');
          name = { name: scan.attr('name') ?? '', sheetIndex: local === undefined ? null : Number(local) };
        }
      },
      close(tag, text) {
        if (tag === 'definedName' && name) {
          names.push({ ...name, refersTo: xmlText(text) });
          name = null;
        }
      },
    },
    limits,
    new Set(['definedName']),
  );
  return { sheets, names };
}

function scanSharedStrings(xml: Uint8Array, limits: PartLimits): readonly string[] {
  const strings: string[] = [];
  let current = '';
  // Phonetic runs (<rPh>) hold a reading aid, not the cell's text.
  let phonetic = 0;
  XmlScan.run(
    xml,
    {
      open(tag) {
        if (tag === 'si') current = '';
        else if (tag === 'rPh') phonetic += 1;
      },
      close(tag, text) {
        if (tag === 't') {
          if (phonetic === 0) current += xmlText(text);
        } else if (tag === 'rPh') phonetic -= 1;
        else if (tag === 'si') strings.push(current);
      },
    },
    limits,
    new Set(['t']),
  );
  return strings;
}

function scanVolatileDependencies(xml: Uint8Array, limits: PartLimits): VolatileTopics {
  const topics = new VolatileTopics();
  let server = '';
  let inRealTimeData = false;
  let topic: { type: string | undefined; value: string } | null = null;
  XmlScan.run(
    xml,
    {
      open(tag, scan) {
        if (tag === 'volType') inRealTimeData = scan.attr('type') === 'realTimeData';
        else if (tag === 'main') server = scan.attr('first') ?? '';
        else if (tag === 'tp' && inRealTimeData) {
          topics.discardOpen();
          topic = { type: scan.attr('t'), value: '' };
        }
        else if (tag === 'tr' && topic) {
          const address = parseAddress(scan.attr('r') ?? '');
          const sheetId = Number(scan.attr('s'));
          if (address && Number.isInteger(sheetId)) topics.addCell(sheetId, address.row, address.col);
        }
      },
      close(tag, text) {
        if (!topic) return;
        if (tag === 'stp') topics.addString(xmlText(text));
        else if (tag === 'v') topic.value = xmlText(text);
        else if (tag === 'tp') {
          topics.close(server, cachedValue(topic.type ?? 'n', topic.value));
          topic = null;
        }
      },
    },
    limits,
    new Set(['stp', 'v']),
  );
  return topics;
}

/** A worksheet's cells: cached values, and formulas where they mention RTD (shared ones filled down). */
function scanWorksheet(xml: Uint8Array, sharedStrings: readonly string[], keepFormulas: boolean, limits: PartLimits): Map<number, Map<number, ModelCell>> {
  const rows = new Map<number, Map<number, ModelCell>>();
  const shared = new SharedFormulas();
  let rowNumber = 0;
  let row: Map<number, ModelCell> | null = null;
  let col = 0;
  let inCell = false;
  let type: string | undefined;
  let value: string | null = null;
  let inline = '';
  let phonetic = 0;
  let formula: string | null = null;
  let formulaType: string | undefined;
  let sharedIndex: string | undefined;

  const rowOf = (r: number) => {
    let found = rows.get(r);
    if (!found) rows.set(r, (found = new Map()));
    return found;
  };

  const handler: XmlHandler = {
    open(tag, scan) {
      switch (tag) {
        case 'row': {
          const r = Number(scan.attr('r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          row = null;
          col = 0;
          break;
        }
        case 'c': {
          const address = parseAddress(scan.attr('r') ?? '');
          if (address) {
            if (address.row !== rowNumber) {
              rowNumber = address.row;
              row = null;
            }
            col = address.col;
          } else col += 1;
          inCell = true;
          type = scan.attr('t');
          value = null;
          inline = '';
          formula = null;
          formulaType = undefined;
          sharedIndex = undefined;
          break;
        }
        case 'f':
          formulaType = scan.attr('t');
          sharedIndex = scan.attr('si');
          break;
        case 'rPh':
          phonetic += 1;
          break;
      }
    },
    close(tag, text) {
      if (!inCell) return;
      switch (tag) {
        case 'v':
          value = xmlText(text);
          break;
        case 't':
          if (phonetic === 0) inline += xmlText(text);
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'f':
          if (keepFormulas) formula = shared.formulaOf(text, formulaType, sharedIndex, rowNumber, col);
          break;
        case 'c': {
          inCell = false;
          const cached = cellValueOf(type, value, inline, sharedStrings);
          if (cached === null && formula === null) break;
          row ??= rowOf(rowNumber);
          row.set(col, formula === null ? { value: cached } : { value: cached, formula });
          break;
        }
      }
    },
  };

  XmlScan.run(xml, handler, limits, keepFormulas ? new Set(['v', 't', 'f']) : new Set(['v', 't']));
  return rows;
}
