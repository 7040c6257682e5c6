import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { inLanguage, isAllowedDomain, stateInWords } from '../../web/src/portal/portal-format';

const t = ((key: string) => key) as unknown as TFunction;

describe('portal wording', () => {
  it('tells customers the state in plain words, by its type, never the desk’s own state name', () => {
    expect(stateInWords('new', t)).toBe('Received');
    expect(stateInWords('open', t)).toBe('In progress');
    expect(stateInWords('pending reminder', t)).toBe('Waiting');
    expect(stateInWords('pending auto', t)).toBe('Waiting');
    expect(stateInWords('closed', t)).toBe('Closed');
    expect(stateInWords('merged', t)).toBe('Merged into another ticket');
  });

  it('shows a topic in the portal language, the other one when that text is empty', () => {
    expect(inLanguage({ en: 'Exams', de: 'Prüfungen' }, 'de')).toBe('Prüfungen');
    expect(inLanguage({ en: 'Exams', de: 'Prüfungen' }, 'en')).toBe('Exams');
    expect(inLanguage({ en: 'Exams', de: '' }, 'de')).toBe('Exams');
  });

  it('accepts a registration address only from a listed domain, subdomains only when listed, as the server does', () => {
    expect(isAllowedDomain('mia@uni-spree.de', ['uni-spree.de'])).toBe(true);
    expect(isAllowedDomain(' Mia@Uni-Spree.DE ', ['uni-spree.de'])).toBe(true);
    expect(isAllowedDomain('mia@student.uni-spree.de', ['uni-spree.de'])).toBe(false);
    expect(isAllowedDomain('mia@gmail.com', ['uni-spree.de', 'student.uni-spree.de'])).toBe(false);
    expect(isAllowedDomain('mia@gmail.com', [])).toBe(true);
  });
});
