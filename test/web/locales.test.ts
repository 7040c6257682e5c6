import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const webSrc = path.resolve(import.meta.dirname, '../../web/src');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) yield full;
  }
}

/** English source strings passed to t('…') / t("…") / t(`…`) without interpolated code. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const call = /\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g;
  for (const file of sourceFiles(webSrc)) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) {
      const key = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\\(['"\\])/g, '$1');
      if (key) keys.set(key, path.relative(webSrc, file));
    }
  }
  return keys;
}

function germanTexts(): Record<string, string> {
  const dir = path.join(webSrc, 'locales', 'de');
  return Object.assign({}, ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>));
}

describe('web app translations', () => {
  it('has a German text for every English text the web app shows', () => {
    const de = germanTexts();
    const missing = [...usedKeys()].filter(([key]) => !de[key]).map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('keeps the same {{placeholders}} in the German text as in the English one', () => {
    const de = germanTexts();
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const broken = Object.entries(de).filter(([en, text]) => placeholders(en).join() !== placeholders(text).join());
    expect(broken).toEqual([]);
  });
});
