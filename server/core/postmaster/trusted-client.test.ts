import { describe, expect, it } from 'vitest';
import { isTrustedClient, normaliseClientAddress } from './trusted-client.ts';

describe('isTrustedClient', () => {
  const list = ['192.0.2.10', '10.20.0.0/16', '2001:db8:1::/48', 'not-an-ip', '0.0.0.0/99'];

  it.each([
    ['192.0.2.10', true],
    ['192.0.2.11', false],
    ['10.20.255.1', true],
    ['10.21.0.1', false],
    ['::ffff:10.20.1.1', true],
    ['::ffff:192.0.2.10', true],
    ['2001:db8:1:ff::25', true],
    ['2001:db8:2::25', false],
    ['garbage', false],
    ['', false],
  ])('%s → %s', (ip, expected) => expect(isTrustedClient(ip, list)).toBe(expected));

  it('trusts nobody with an empty list', () => expect(isTrustedClient('127.0.0.1', [])).toBe(false));
});

describe('normaliseClientAddress', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    [' 10.0.0.0/8 ', '10.0.0.0/8'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['10.0.0.0/33', null],
    ['10.0.0.0/8/1', null],
    ['example.org', null],
    ['10.0.0.0/', null],
  ])('%s → %s', (input, expected) => expect(normaliseClientAddress(input)).toBe(expected));
});
