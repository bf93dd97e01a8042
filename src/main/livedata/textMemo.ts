// A per-text memo for the reader's work that repeats every second (the same formulas, the same topic strings): it
// keeps each answer until it holds more texts than a workbook can, then starts over. It never holds anything else.

/** `compute`, remembered per text; all answers are dropped at once past `max` texts. */
export function textMemo<V>(max: number, compute: (text: string) => V): (text: string) => V {
  const answers = new Map<string, V>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      if (answers.size >= max) answers.clear();
      answer = compute(text);
      answers.set(text, answer);
    }
    return answer as V;
  };
}
