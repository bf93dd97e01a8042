// Reading a statement back: written to a real file, split into its sections, each parsed with csv-parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Dec } from '../../src/main/engine/decimal';
import { readStatement, type StatementData } from '../../src/main/reports/ledgerReader';
import { openReadOnlyLedger } from '../../src/main/reports/source';
import { fileSink } from '../../src/main/reports/text';
import { writeTosStatement } from '../../src/main/reports/tosStatement';
import { tempDir } from '../support/scenario';

export interface Section {
  readonly title: string;
  /** The header row as written, byte for byte. */
  readonly header: string | undefined;
  /** The raw lines after the header. */
  readonly lines: readonly string[];
  /** The rows after the header, parsed. */
  readonly rows: string[][];
}

export async function statementText(path: string, accountId: string, from: string, to: string): Promise<{ text: string; data: StatementData }> {
  const source = openReadOnlyLedger(path);
  const dir = tempDir('thor-statement-');
  try {
    const data = await readStatement(source, { accountId, from, to });
    const out = join(dir.path, 'statement.csv');
    await writeTosStatement(data, fileSink(out));
    return { text: readFileSync(out, 'utf8'), data };
  } finally {
    source.close();
    dir.cleanup();
  }
}

/** Sections as the statement readers find them: a title line, then lines until an empty one. */
export function sections(text: string): Map<string, Section> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const found = new Map<string, Section>();
  let i = 0;
  while (i < lines.length) {
    if (lines[i] === '' || lines[i] === ' ' || lines[i]!.startsWith('"Total Cash') || lines[i]!.startsWith('Total Cash')) {
      i += 1;
      continue;
    }
    const title = lines[i]!;
    const body: string[] = [];
    i += 1;
    while (i < lines.length && lines[i] !== '') body.push(lines[i++]!);
    const [header, ...rest] = body;
    found.set(title, {
      title,
      header,
      lines: rest,
      rows: rest.length > 0 ? (parse(rest.join('\n'), { relax_column_count: true }) as string[][]) : [],
    });
  }
  return found;
}

/** `"-2,810.00"` -> -2810.00; `($70.56)` -> -70.56; empty -> 0. */
export function money(text: string | undefined): Dec {
  if (!text) return new Dec(0);
  const negative = text.startsWith('(') || text.startsWith('-');
  const digits = text.replace(/[$(),\-+]/g, '');
  const value = new Dec(digits === '' ? '0' : digits);
  return negative ? value.negated() : value;
}

export function sampleText(path: string): string {
  return readFileSync(path, 'utf8');
}
