import { describe, expect, it } from 'vitest';
import { applyPreferencesPatch, defaultPreferences, readPreferences } from './agent-preferences.ts';

describe('readPreferences', () => {
  it('fills defaults for missing, broken or outdated values and keeps valid ones', () => {
    expect(readPreferences(null)).toEqual(defaultPreferences());
    expect(readPreferences('not json')).toEqual(defaultPreferences());
    const read = readPreferences(JSON.stringify({ articleOrder: 'oldest-first', defaultQueueView: { sort: 'removedField', pageSize: 100, stateTypes: [] } }));
    expect(read.articleOrder).toBe('oldest-first');
    expect(read.defaultQueueView).toEqual({ ...defaultPreferences().defaultQueueView, pageSize: 100 });
  });
});

describe('applyPreferencesPatch', () => {
  it('replaces only the given keys and names the field of a bad value', () => {
    const next = applyPreferencesPatch(defaultPreferences(), { defaultQueueView: { queueId: 7, stateTypes: ['open', 'open'] } });
    expect(next.defaultQueueView).toMatchObject({ queueId: 7, stateTypes: ['open'], sort: 'createdAt', pageSize: 25 });
    expect(() => applyPreferencesPatch(next, { defaultQueueView: { pageSize: 501 } })).toThrow('preferences.defaultQueueView.pageSize');
  });
});
