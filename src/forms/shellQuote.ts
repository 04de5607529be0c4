/**
 * POSIX shell quoting for the command lines the forms show: a word made only of safe characters
 * stays bare, anything else goes in single quotes (a single quote inside becomes '\''), so the line
 * can be pasted into sh/bash/zsh as is.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(words: string[]): string {
  return words.map(shellQuote).join(' ');
}
