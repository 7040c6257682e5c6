import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, regexProblem } from './regex-safety.ts';

describe('regexProblem', () => {
  it.each(['passwor(t|d) vergessen|forgot.*password', '^\\[Ticket#\\d+\\]', '(Re: ?)*Invoice', '[(+]+x', '\\(a+\\)+', '(?:ab)+', 'x{2,5}', '(a+){3}', '(?<host>\\w+)\\.uni-spree\\.de'])(
    'accepts %s',
    (pattern) => expect(regexProblem(pattern)).toBeNull(),
  );

  it.each(['(a+)+', '(\\w+\\s?)*$', '(?:a*)+b', '((ab)*)+', '(a{1,})*', '(x+x+){2,}', '(a|b+)*c'])('rejects nested repetition %s', (pattern) => {
    expect(regexProblem(pattern)).toMatch(/repeat a group that itself repeats/);
  });

  it('rejects invalid patterns, backreferences and overlong patterns', () => {
    expect(regexProblem('foo(')).toMatch(/not a valid regular expression/);
    expect(regexProblem('(a)\\1')).toMatch(/backreferences/);
    expect(regexProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/at most/);
  });

});
