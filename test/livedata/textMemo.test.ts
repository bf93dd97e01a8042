import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textMemo, TextsByPlace } from '../../src/main/livedata/textMemo';

describe('the reader memos', () => {
  it('a text memo computes each text once, and starts over past its size', () => {
    const computed: string[] = [];
    const memo = textMemo(2, (text) => (computed.push(text), text.toUpperCase()));
    expect([memo('a'), memo('b'), memo('a')]).toEqual(['A', 'B', 'A']);
    expect(computed).toEqual(['a', 'b']);
    memo('c'); // a third text: the memo starts over
    memo('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });

  it('texts by place give the memo answer for any texts, over reads that change some places', () => {
    const read = fc.array(fc.constantFrom('RTD(1)', 'RTD(2)', 'a longer formula RTD("tos.rtd",,"LAST",$A2)', ''), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(read, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 12 }), (reads, maxPlaces) => {
        const byPlace = new TextsByPlace((text: string) => `<${text}>`, maxPlaces);
        for (const texts of reads) {
          byPlace.restart();
          // Sliced from a larger string, as a regular expression's match is.
          const part = texts.join('|');
          let at = 0;
          for (const text of texts) {
            expect(byPlace.get(part.slice(at, at + text.length))).toBe(`<${text}>`);
            at += text.length + 1;
          }
        }
      }),
    );
  });

  it('the same text at the same place is answered without asking the memo again', () => {
    const asked: string[] = [];
    const byPlace = new TextsByPlace((text: string) => (asked.push(text), text.length), 10);
    for (let read = 0; read < 3; read += 1) {
      byPlace.restart();
      byPlace.get('RTD("tos.rtd",,"LAST",$A2)');
      byPlace.get(read === 2 ? 'RTD("tos.rtd",,"BID",$A2)' : 'RTD("tos.rtd",,"ASK",$A2)');
    }
    expect(asked).toEqual(['RTD("tos.rtd",,"LAST",$A2)', 'RTD("tos.rtd",,"ASK",$A2)', 'RTD("tos.rtd",,"BID",$A2)']);
  });
});
