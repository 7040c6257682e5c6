import { describe, expect, it } from 'vitest';
import { planFollowUp } from './follow-up.ts';

describe('planFollowUp', () => {
  it('reopens a closed or pending ticket when the queue allows follow-ups', () => {
    expect(planFollowUp('closed', 'possible')).toEqual({ action: 'append', reopen: true });
    expect(planFollowUp('pending reminder', 'possible')).toEqual({ action: 'append', reopen: true });
  });
  it('leaves a new or open ticket in its state', () => {
    expect(planFollowUp('new', 'reject')).toEqual({ action: 'append', reopen: false });
    expect(planFollowUp('open', 'new_ticket')).toEqual({ action: 'append', reopen: false });
  });
  it('rejects or opens a new ticket for a closed ticket as the queue says', () => {
    expect(planFollowUp('closed', 'reject')).toEqual({ action: 'reject', reopen: false });
    expect(planFollowUp('removed', 'new_ticket')).toEqual({ action: 'new_ticket', reopen: false });
  });
});
