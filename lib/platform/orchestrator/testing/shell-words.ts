/**
 * What the MWAA peer does with the text body: split it into words like a POSIX shell (single and
 * double quotes, no expansion, nothing run). Refuses unbalanced quotes.
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === " " || c === "\t") {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced ${c} in the command`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}
