import { describe, expect, it } from 'vitest';
import { pickLanguage } from './contact-texts.ts';

describe('pickLanguage', () => {
  it('follows ?lang= first', () => {
    expect(pickLanguage('en', 'de-DE,de;q=0.9')).toBe('en');
    expect(pickLanguage('de', 'en-US')).toBe('de');
  });
  it('else takes the first of German and English the browser prefers', () => {
    expect(pickLanguage(undefined, 'en-GB,en;q=0.9,de;q=0.8')).toBe('en');
    expect(pickLanguage(undefined, 'fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7')).toBe('en');
    expect(pickLanguage(undefined, 'de;q=0.5,en;q=0.9')).toBe('en');
    expect(pickLanguage(undefined, 'de-AT')).toBe('de');
  });
  it('is German for a German university when nothing fits', () => {
    expect(pickLanguage(undefined, undefined)).toBe('de');
    expect(pickLanguage('fr', 'fr-FR')).toBe('de');
    expect(pickLanguage(undefined, 'en;q=0')).toBe('de');
  });
});
