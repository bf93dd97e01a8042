// Streams a workbook part's XML through htmlparser2's tokenizer (the fastest well-kept streaming XML tokenizer for
// Node we measured) and hands the reader each element's local name, attributes and text. Fed in slices, so a large
// part is never one giant string; checks the read's deadline between slices. Knows nothing of workbooks.
import { decodeXML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { checkDeadline, type PartLimits } from './zipParts';

export interface XmlHandler {
  /** An element starts; its attributes are readable through `scan.attr` until the next element. */
  open(name: string, scan: XmlScan): void;
  /**
   * An element ends, with the text directly inside it since the last element started or ended, as written: pass it
   * through `xmlText` where it may hold entities (`&quot;`); numbers and most names never do, so they skip the work.
   */
  close(name: string, rawText: string): void;
}

/** Characters decoded per slice: small enough that no slice string is large, big enough to cost nothing. */
const SLICE_BYTES = 1 << 20;
/** Text kept per element: Excel's own limits are 32,767 characters a cell and 8,192 a formula. */
export const MAX_TEXT = 40_000;

/** Text as it reads, entities decoded (only where there are any: decoding in the tokenizer would split every text). */
export function xmlText(text: string): string {
  return text.includes('&') ? decodeXML(text) : text;
}

const ONE_LETTER: (string | undefined)[] = [];
for (const letter of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') ONE_LETTER[letter.charCodeAt(0)] = letter;

const COMMON_NAMES = new Map<number, string[]>();
for (const name of ['row', 'tp', 'stp', 'tr', 'si', 'rPh', 'is', 'spans', 'ht', 'ref', 'customHeight', 'Id', 'Type', 'Target']) {
  COMMON_NAMES.set(name.length, [...(COMMON_NAMES.get(name.length) ?? []), name]);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export class XmlScan {
  private readonly chunks: string[] = [];
  /** Stream offset of chunks[0]. */
  private base = 0;
  private tagName = '';
  private readonly attrNames: string[] = [];
  private readonly attrValues: string[] = [];
  /** How many of attrNames/attrValues belong to the element just opened (the arrays are reused, never shrunk). */
  private attrCount = 0;
  private attrName = '';
  private attrValue = '';
  private text = '';
  /** Whether the element just opened is one whose text the handler reads (text elsewhere is never sliced). */
  private collecting = false;

  private constructor(
    private readonly handler: XmlHandler,
    private readonly textOf: ReadonlySet<string>,
  ) {}

  /** Scans one part's bytes (UTF-8) to the end; `textOf` names the elements whose text the handler reads. */
  static run(bytes: Uint8Array, handler: XmlHandler, limits: PartLimits, textOf: ReadonlySet<string> = new Set()): void {
    const scan = new XmlScan(handler, textOf);
    const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, scan.callbacks());
    const decoder = new TextDecoder('utf-8');
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      const end = Math.min(bytes.length, at + SLICE_BYTES);
      const chunk = decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
      scan.chunks.push(chunk);
      tokenizer.write(chunk);
      checkDeadline(limits);
    }
    tokenizer.end();
  }

  /** The value of an attribute of the element just opened (by local name), or undefined. */
  attr(name: string): string | undefined {
    for (let i = 0; i < this.attrCount; i += 1) if (this.attrNames[i] === name) return this.attrValues[i];
    return undefined;
  }

  /**
   * An element's or attribute's local name. The names a workbook repeats for every cell (c, f, v, r, s, t, row, tp,
   * stp, tr...) come from a table instead of a new string each time: most of a sheet's garbage was its names.
   */
  private name(start: number, end: number): string {
    const first = this.chunks[0]!;
    const at = start - this.base;
    const length = end - start;
    if (at >= 0 && at + length <= first.length) {
      if (length === 1) return ONE_LETTER[first.charCodeAt(at)] ?? this.slice(start, end);
      const candidates = COMMON_NAMES.get(length);
      if (candidates) {
        for (const candidate of candidates) if (first.startsWith(candidate, at)) return candidate;
      }
    }
    return localName(this.slice(start, end));
  }

  private slice(start: number, end: number): string {
    if (start >= end) return '';
    while (this.chunks.length > 1 && start - this.base >= this.chunks[0]!.length) {
      this.base += this.chunks[0]!.length;
      this.chunks.shift();
    }
    let out = this.chunks[0]!.slice(start - this.base, end - this.base);
    let offset = this.base + this.chunks[0]!.length;
    for (let i = 1; offset < end && i < this.chunks.length; i += 1) {
      out += this.chunks[i]!.slice(0, end - offset);
      offset += this.chunks[i]!.length;
    }
    return out;
  }

  private callbacks(): TokenizerCallbacks {
    const ignore = () => {};
    return {
      onopentagname: (start, end) => {
        this.tagName = this.name(start, end);
        this.attrCount = 0;
      },
      onattribname: (start, end) => {
        this.attrName = this.name(start, end);
        this.attrValue = '';
      },
      onattribdata: (start, end) => {
        if (this.attrValue.length < MAX_TEXT) this.attrValue += this.slice(start, Math.min(end, start + MAX_TEXT));
      },
      onattribentity: (codepoint) => {
        this.attrValue += String.fromCodePoint(codepoint);
      },
      onattribend: () => {
        this.attrNames[this.attrCount] = this.attrName;
        this.attrValues[this.attrCount] = xmlText(this.attrValue);
        this.attrCount += 1;
      },
      onopentagend: () => {
        this.text = '';
        this.collecting = this.textOf.has(this.tagName);
        this.handler.open(this.tagName, this);
      },
      onselfclosingtag: () => {
        this.text = '';
        this.collecting = false;
        this.handler.open(this.tagName, this);
        this.handler.close(this.tagName, '');
      },
      onclosetag: (start, end) => {
        const text = this.text;
        this.text = '';
        this.collecting = false;
        this.handler.close(this.name(start, end), text);
      },
      ontext: (start, end) => {
        if (this.collecting && this.text.length < MAX_TEXT) this.text += this.slice(start, Math.min(end, start + MAX_TEXT));
      },
      ontextentity: (codepoint) => {
        if (this.collecting && this.text.length < MAX_TEXT) this.text += String.fromCodePoint(codepoint);
      },
      oncdata: (start, end, endOffset) => {
        if (this.collecting && this.text.length < MAX_TEXT) this.text += this.slice(start, Math.min(end - endOffset, start + MAX_TEXT));
      },
      oncomment: ignore,
      ondeclaration: ignore,
      onprocessinginstruction: ignore,
      onend: ignore,
    };
  }
}
