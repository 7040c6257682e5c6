import { describe, expect, it } from 'vitest';
import { computeEscalationTimes, resolveTargets, type EscalationArticle, type EscalationInput } from './escalation-times.ts';

const created = '2026-11-28T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(created) + minutes * 60_000).toISOString();
const customerMail = (minutes: number): EscalationArticle => ({ senderType: 'customer', channel: 'email', isVisibleForCustomer: true, createdAt: at(minutes) });
const agentMail = (minutes: number): EscalationArticle => ({ senderType: 'agent', channel: 'email', isVisibleForCustomer: true, createdAt: at(minutes) });
const input = (overrides: Partial<EscalationInput> = {}): EscalationInput => ({
  createdAt: created,
  stateType: 'new',
  targets: { firstResponseMinutes: 60, updateMinutes: 240, solutionMinutes: 480 },
  articles: [customerMail(0)],
  ...overrides,
});

describe('computeEscalationTimes', () => {
  it('runs all three clocks from the creation of a new customer ticket; the earliest is the escalation', () => {
    expect(computeEscalationTimes(input())).toEqual({
      firstResponseAt: null,
      lastCustomerContactAt: created,
      responseAt: at(60),
      updateAt: at(240),
      solutionAt: at(480),
      at: at(60),
    });
  });

  it('the first customer-visible agent mail ends the response clock and stops the update clock', () => {
    const times = computeEscalationTimes(input({ stateType: 'open', articles: [customerMail(0), agentMail(30)] }));
    expect(times).toMatchObject({ firstResponseAt: at(30), responseAt: null, updateAt: null, solutionAt: at(480), at: at(480) });
  });

  it('an internal note, a customer-visible note or a system auto-answer is no first response', () => {
    const articles: EscalationArticle[] = [
      customerMail(0),
      { senderType: 'agent', channel: 'note', isVisibleForCustomer: false, createdAt: at(5) },
      { senderType: 'agent', channel: 'note', isVisibleForCustomer: true, createdAt: at(6) },
      { senderType: 'system', channel: 'email', isVisibleForCustomer: true, createdAt: at(7) },
    ];
    expect(computeEscalationTimes(input({ articles }))).toMatchObject({ firstResponseAt: null, responseAt: at(60), updateAt: at(240) });
  });

  it('an agent phone call counts as the first response', () => {
    const call: EscalationArticle = { senderType: 'agent', channel: 'phone', isVisibleForCustomer: true, createdAt: at(10) };
    expect(computeEscalationTimes(input({ articles: [customerMail(0), call] })).firstResponseAt).toBe(at(10));
  });

  it('a customer follow-up after the answer restarts the update clock from that mail; a second one does not postpone it', () => {
    const times = computeEscalationTimes(input({ stateType: 'open', articles: [customerMail(0), agentMail(30), customerMail(100), customerMail(200)] }));
    expect(times).toMatchObject({ firstResponseAt: at(30), lastCustomerContactAt: at(200), updateAt: at(340), at: at(340) });
  });

  it('an unverified (hidden) customer mail does not restart the update clock', () => {
    const hidden: EscalationArticle = { ...customerMail(100), isVisibleForCustomer: false };
    expect(computeEscalationTimes(input({ articles: [customerMail(0), agentMail(30), hidden] })).updateAt).toBeNull();
  });

  it.each(['pending reminder', 'pending auto', 'closed', 'merged', 'removed'] as const)('no clock runs in state type %s', (stateType) => {
    const times = computeEscalationTimes(input({ stateType, articles: [customerMail(0), agentMail(30)] }));
    expect(times).toEqual({ firstResponseAt: at(30), lastCustomerContactAt: created, responseAt: null, updateAt: null, solutionAt: null, at: null });
  });

  it('targets of 0 run no clock; with none the ticket has no escalation', () => {
    const targets = { firstResponseMinutes: 0, updateMinutes: 0, solutionMinutes: 0 };
    expect(computeEscalationTimes(input({ targets }))).toMatchObject({ responseAt: null, updateAt: null, solutionAt: null, at: null });
  });

  it('a ticket without articles waits for an answer since its creation', () => {
    expect(computeEscalationTimes(input({ articles: [] }))).toMatchObject({ lastCustomerContactAt: created, updateAt: at(240) });
  });
});

describe('resolveTargets', () => {
  const queue = { first_response_time: 60, update_time: 240, solution_time: 480 };

  it('takes the queue targets without an SLA', () => {
    expect(resolveTargets(queue, null)).toEqual({ firstResponseMinutes: 60, updateMinutes: 240, solutionMinutes: 480 });
  });

  it('takes the SLA per kind where it sets a value, the queue where the SLA has 0', () => {
    expect(resolveTargets(queue, { first_response_time: 15, update_time: 0, solution_time: 120 })).toEqual({ firstResponseMinutes: 15, updateMinutes: 240, solutionMinutes: 120 });
  });
});
