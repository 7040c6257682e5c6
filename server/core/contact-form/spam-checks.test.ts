import { describe, expect, it } from 'vitest';
import { checkFormToken, hashClientAddress, isHoneypotFilled, MAX_FORM_AGE_SECONDS, signFormToken } from './spam-checks.ts';

const SECRET = 'a'.repeat(64);
const SHOWN = Date.parse('2026-12-04T10:00:00Z');

describe('checkFormToken', () => {
  const token = signFormToken(SECRET, SHOWN);
  const check = (secondsLater: number, value = token, minSeconds = 3) => checkFormToken(SECRET, value, SHOWN + secondsLater * 1000, { minSeconds });

  it('accepts a form sent back after the minimum time', () => {
    expect(check(3)).toBe('ok');
    expect(check(600)).toBe('ok');
  });
  it('refuses a form sent back faster than a person can type', () => {
    expect(check(0)).toBe('too_fast');
    expect(check(2.9)).toBe('too_fast');
  });
  it('refuses a form older than a day, but not one left open for hours', () => {
    expect(check(MAX_FORM_AGE_SECONDS - 1)).toBe('ok');
    expect(check(MAX_FORM_AGE_SECONDS + 1)).toBe('expired');
  });
  it('refuses a missing, garbled or forged timestamp', () => {
    expect(checkFormToken(SECRET, undefined, SHOWN, { minSeconds: 3 })).toBe('invalid');
    expect(check(10, '')).toBe('invalid');
    expect(check(10, 'not-a-token')).toBe('invalid');
    // A bot that moves the time back to pass the minimum keeps the old signature.
    expect(check(10, `${SHOWN - 60_000}.${token.split('.')[1]}`)).toBe('invalid');
    expect(check(10, signFormToken('b'.repeat(64), SHOWN))).toBe('invalid');
  });
  it('refuses a timestamp from the future', () => {
    expect(checkFormToken(SECRET, signFormToken(SECRET, SHOWN + 3_600_000), SHOWN, { minSeconds: 0 })).toBe('invalid');
  });
  it('with a minimum of 0 seconds accepts an immediate answer', () => {
    expect(check(0, token, 0)).toBe('ok');
  });
});

describe('isHoneypotFilled', () => {
  it('is false for an empty or missing field and true for anything typed', () => {
    expect(isHoneypotFilled(undefined)).toBe(false);
    expect(isHoneypotFilled('')).toBe(false);
    expect(isHoneypotFilled('  ')).toBe(false);
    expect(isHoneypotFilled('http://spam.example')).toBe(true);
  });
});

describe('hashClientAddress', () => {
  it('is stable per address and secret, and never contains the address', () => {
    const hash = hashClientAddress(SECRET, '192.0.2.7');
    expect(hash).toBe(hashClientAddress(SECRET, '192.0.2.7'));
    expect(hash).not.toBe(hashClientAddress(SECRET, '192.0.2.8'));
    expect(hash).not.toBe(hashClientAddress('b'.repeat(64), '192.0.2.7'));
    expect(hash).not.toContain('192');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
