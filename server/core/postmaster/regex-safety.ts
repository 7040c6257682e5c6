/**
 * Guards against regular expressions that can take exponential time on crafted mail
 * (catastrophic backtracking). Filters run on every incoming mail inside the intake
 * transaction, so one bad pattern could stall the whole desk. The check is deliberately
 * simple: a length limit and no repetition of a group that itself repeats, like (a+)+ or
 * (\w+\s?)*. Overlapping alternatives such as (a|a)+ are not caught; the input limits of
 * the matcher (first 1 MB of the body) bound what they can cost.
 */

/** Longest pattern (or text) a match rule may hold. */
export const MAX_PATTERN_LENGTH = 500;

interface Quantifier {
  length: number;
  /** Repeats more than once (*, +, {n,}, {n,m} with m > 1); `?` and {n} do not count. */
  repeats: boolean;
}

/** Returns why the pattern is refused, or null when it compiles and looks safe. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  return structuralProblem(pattern);
}

function structuralProblem(pattern: string): string | null {
  // One frame per open group: does anything inside it repeat?
  const stack: boolean[] = [false];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'must not use backreferences';
      i += 2;
    } else if (c === '[') {
      i = skipClass(pattern, i);
    } else if (c === '(') {
      stack.push(false);
      i = skipGroupPrefix(pattern, i + 1);
    } else if (c === ')') {
      const innerRepeats = stack.pop() ?? false;
      const q = readQuantifier(pattern, i + 1);
      if (q?.repeats && innerRepeats) return 'must not repeat a group that itself repeats, like (a+)+; it can take forever on some mails';
      markRepeats(stack, innerRepeats || !!q?.repeats);
      i += 1 + (q?.length ?? 0);
    } else {
      const q = readQuantifier(pattern, i);
      if (q) markRepeats(stack, q.repeats);
      i += q?.length ?? 1;
    }
  }
  return null;
}

function markRepeats(stack: boolean[], repeats: boolean): void {
  if (repeats && stack.length) stack[stack.length - 1] = true;
}

function readQuantifier(pattern: string, i: number): Quantifier | null {
  const c = pattern[i];
  let q: Quantifier | null = null;
  if (c === '*' || c === '+') q = { length: 1, repeats: true };
  else if (c === '?') q = { length: 1, repeats: false };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 30));
    if (m) q = { length: m[0].length, repeats: m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1) };
  }
  // A trailing ? makes the quantifier lazy; it does not change what it repeats.
  if (q && c !== '?' && pattern[i + q.length] === '?') q.length += 1;
  return q;
}

/** Index after the character class starting at i (escapes and a leading ] included). */
function skipClass(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index after (?:, (?=, (?!, (?<=, (?<! or (?<name>, so their ? is not read as a quantifier. */
function skipGroupPrefix(pattern: string, i: number): number {
  if (pattern[i] !== '?') return i;
  const rest = pattern.slice(i + 1);
  if (rest.startsWith('<=') || rest.startsWith('<!')) return i + 3;
  if (rest.startsWith('<')) return i + 1 + rest.indexOf('>') + 1;
  return i + 2;
}
