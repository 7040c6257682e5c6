import { describe, expect, it } from 'vitest';
import { channelLabel } from '../../web/src/components/channel-label';
import { parseQueueViewFilters, ticketListQuery } from '../../web/src/features/queue-view/queue-view-params';

describe('queue view channel filter', () => {
  it('reads ?channel=fax from the address and asks the API for fax tickets only', () => {
    const filters = parseQueueViewFilters('4', new URLSearchParams('stateType=open-work&channel=fax'));
    expect(filters.channel).toBe('fax');
    expect(ticketListQuery(filters, 7)).toMatchObject({ queueId: '4', channel: 'fax' });
  });
  it('ignores an unknown channel and then lists every channel', () => {
    const filters = parseQueueViewFilters(undefined, new URLSearchParams('channel=pigeon'));
    expect(filters.channel).toBeNull();
    expect(ticketListQuery(filters, 7).channel).toBeUndefined();
  });
  it('labels channels as agents read them, unknown ones as they are', () => {
    const german: Record<string, string> = { Email: 'E-Mail', 'Web form': 'Web-Formular', Phone: 'Telefon' };
    const t = (key: string) => german[key] ?? key;
    expect(['email', 'web', 'phone', 'fax', 'portal'].map((c) => channelLabel(c, t))).toEqual(['E-Mail', 'Web-Formular', 'Telefon', 'Fax', 'Portal']);
    expect(channelLabel('carrier-pigeon', t)).toBe('carrier-pigeon');
  });
});
