import { describe, expect, it } from 'vitest';
import { countFilterParams, flattenQueueTree, queueViewHref, sumCounts } from '../../web/src/components/queue-tree-model';
import { cleanTicketNumber, mergeSources, runBulk } from '../../web/src/features/queue-view/bulk-run';
import { changeParams, FALLBACK_VIEW, paramsForQueueSwitch, parseQueueViewFilters, sortChange, ticketListQuery } from '../../web/src/features/queue-view/queue-view-params';

const counts = { new: 1, open: 2, pending: 0, escalated: 1, locked: 0, total: 3 };

describe('queue tree', () => {
  it('puts children under their parent and treats queues with an invisible parent as roots', () => {
    const rows = flattenQueueTree([
      { id: 3, name: '2nd Level', fullName: 'Service Desk::2nd Level', parentId: 1, counts },
      { id: 1, name: 'Service Desk', fullName: 'Service Desk', parentId: null, counts },
      { id: 2, name: '1st Level', fullName: 'Service Desk::1st Level', parentId: 1, counts },
      { id: 9, name: 'Orphan', fullName: 'Hidden::Orphan', parentId: 8, counts },
    ]);
    expect(rows.map((r) => [r.queue.name, r.depth])).toEqual([
      ['Orphan', 0],
      ['Service Desk', 0],
      ['1st Level', 1],
      ['2nd Level', 1],
    ]);
  });

  it('sums counts for "all my queues" and links counts to the filtered queue view', () => {
    expect(sumCounts([{ id: 1, name: 'a', fullName: 'a', parentId: null, counts }, { id: 2, name: 'b', fullName: 'b', parentId: null, counts }]).total).toBe(6);
    expect(queueViewHref(5, countFilterParams('new'))).toBe('/queues/5?stateType=new');
    expect(queueViewHref(null, countFilterParams('escalated'))).toBe('/queues?stateType=open-work&escalated=true');
  });
});

describe('queue view filters in the address', () => {
  it('reads what the overview links to, and turns it into one page of the ticket list', () => {
    const filters = parseQueueViewFilters('5', new URLSearchParams('stateType=pending&lock=locked&owner=me&page=3'), { ...FALLBACK_VIEW, pageSize: 20 });
    expect(filters).toMatchObject({ queueId: 5, statePreset: 'pending', stateTypes: ['pending reminder', 'pending auto'], lock: 'locked', ownerMe: true, page: 3 });
    expect(ticketListQuery(filters, 42)).toMatchObject({ queueId: '5', stateType: 'pending reminder,pending auto', lock: 'lock,tmp_lock', ownerId: '42', limit: 20, offset: 40 });
  });

  it("falls back to the agent's default view for what the address leaves out", () => {
    const filters = parseQueueViewFilters(undefined, new URLSearchParams(''), { queueId: null, stateTypes: ['new'], sort: 'priority', order: 'asc', pageSize: 50 });
    expect(filters).toMatchObject({ queueId: null, stateTypes: ['new'], statePreset: 'new', sort: 'priority', order: 'asc', pageSize: 50, page: 1 });
    expect(ticketListQuery(filters, 1).queueId).toBeUndefined();
  });

  it('ignores nonsense instead of sending it to the server', () => {
    const filters = parseQueueViewFilters('abc', new URLSearchParams('stateType=bogus&sort=drop&order=up&page=-1&priority=x,4'));
    expect(filters).toMatchObject({ queueId: null, stateTypes: FALLBACK_VIEW.stateTypes, sort: 'createdAt', order: 'desc', page: 1, priorityIds: [4] });
  });

  it('goes back to page 1 on a filter change, flips the order on a second click, keeps filters across queues', () => {
    const params = new URLSearchParams('stateType=new&page=4');
    expect(changeParams(params, { priority: '5' }).toString()).toBe('stateType=new&priority=5');
    expect(changeParams(params, { page: '5' }).get('page')).toBe('5');
    const filters = parseQueueViewFilters(undefined, new URLSearchParams('sort=number&order=asc'));
    expect(sortChange(filters, 'number')).toEqual({ sort: 'number', order: 'desc' });
    expect(sortChange(filters, 'createdAt')).toEqual({ sort: 'createdAt', order: 'desc' });
    expect(paramsForQueueSwitch(new URLSearchParams('page=2&search=vpn'), filters)).toBe('search=vpn&stateType=open-work');
  });
});

describe('bulk actions', () => {
  it('reports changed and refused tickets with the server reason, in selection order', async () => {
    const tickets = [1, 2, 3, 4].map((id) => ({ id, number: `100${id}` }));
    const locked = Object.assign(new Error('The ticket is locked by Anna Admin.'), { code: 'TICKET_LOCKED' });
    let inFlight = 0;
    let most = 0;
    const result = await runBulk(
      tickets,
      async (ticket) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (ticket.id === 3) throw locked;
      },
      { concurrency: 2 },
    );
    expect(result.changed.map((t) => t.id)).toEqual([1, 2, 4]);
    expect(result.refused).toEqual([{ ticket: tickets[2], message: 'The ticket is locked by Anna Admin.', code: 'TICKET_LOCKED' }]);
    expect(most).toBe(2);
  });

  it('merges every selected ticket but the target, and cleans typed numbers', () => {
    expect(mergeSources([{ id: 1, number: 'a' }, { id: 2, number: 'b' }], 2)).toEqual([{ id: 1, number: 'a' }]);
    expect(cleanTicketNumber(' #2026 1128 ')).toBe('20261128');
  });
});
