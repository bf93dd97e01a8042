// Memos for the reader's work that repeats every second (the same formulas, the same topic strings): per text, kept
// until it holds more texts than a workbook can; and per place in a part, against the last read of that part. They
// never hold anything else, and never a slice of a part's text (which would keep the whole part alive).

/** `compute`, remembered per text; all answers are dropped at once past `max` texts. */
export function textMemo<V>(max: number, compute: (text: string) => V): (text: string) => V {
  const answers = new Map<string, V>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      if (answers.size >= max) answers.clear();
      const own = ownCopy(text);
      answer = compute(own);
      answers.set(own, answer);
    }
    return answer as V;
  };
}

/** Longer texts are not remembered by place: a real RTD formula or topic string is far shorter, a hostile one may not be. */
const MAX_TEXT_BY_PLACE = 1_024;

/**
 * `memo`'s answers for the texts of one part in reading order, checked against what the last read of the part met at
 * the same place: the same workbook saved again has the same formula at the same place, and comparing two strings is
 * much cheaper than hashing a new one to look it up. `restart` begins a read.
 */
export class TextsByPlace<V> {
  private readonly texts: string[] = [];
  private readonly answers: V[] = [];
  private at = 0;

  constructor(
    private readonly memo: (text: string) => V,
    private readonly maxPlaces: number,
  ) {}

  restart(): void {
    this.at = 0;
  }

  get(text: string): V {
    const place = this.at++;
    if (this.texts[place] === text) return this.answers[place]!;
    const answer = this.memo(text);
    if (place < this.maxPlaces && text.length <= MAX_TEXT_BY_PLACE) {
      this.texts[place] = ownCopy(text);
      this.answers[place] = answer;
    }
    return answer;
  }
}

/**
 * The text in a string of its own. A regular expression's match, or a slice, may be a view into the whole part
 * (V8 slices strings of 13 characters or more): kept, it would keep the part alive.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
