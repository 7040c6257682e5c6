import type { ServiceContext } from '../core/context.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { createTicket } from '../core/tickets/create-ticket.service.ts';
import { linkTickets } from '../core/tickets/link-tickets.service.ts';
import { mergeTickets } from '../core/tickets/merge-tickets.service.ts';
import { parseFrom, priorityFor, titleFor } from './demo-cases.ts';
import { atTime, type DemoSetup, type DemoTicketRecord } from './demo-setup.types.ts';
import { reminderText } from './demo-texts.ts';
import { DESK_ADDRESS } from './demo-tickets.ts';

const MINUTE = 60_000;

/**
 * The desk's cross-ticket moments: a customer who wrote twice (the duplicate is merged into
 * the first ticket) and tickets about the same matter linked to each other.
 */
export async function playDemoStory(ctx: ServiceContext, setup: DemoSetup, records: DemoTicketRecord[]): Promise<{ merged: number; linked: number }> {
  const now = ctx.clock.now().getTime();
  const merged = await mergeDuplicate(ctx, setup, records, now);
  let linked = 0;
  for (const [topic, linkType] of [['wifi', 'normal'], ['email', 'normal'], ['hardware', 'parent_child']] as const) {
    // The source must be workable by its handler: not closed, not held by someone else.
    const [source, target] = records.filter((r) => r.demoCase.topic === topic && r.handler && r.outcome !== 'closed');
    if (!source?.handler || !target) continue;
    await linkTickets(atTime(ctx, now - 30 * MINUTE), source.handler.actor, { sourceTicketId: source.ticketId, targetTicketId: target.ticketId, linkType });
    linked += 1;
  }
  return { merged, linked };
}

/** The customer of an open 1st-level ticket writes again; the agent merges the new ticket into the old. */
async function mergeDuplicate(ctx: ServiceContext, setup: DemoSetup, records: DemoTicketRecord[], now: number): Promise<number> {
  const target = records.find((r) => r.queueKey === 'first' && r.outcome === 'open' && r.handler);
  const firstLevel = setup.queues.get('first');
  if (!target?.handler || !firstLevel) return 0;
  const { email } = parseFrom(target.demoCase.from);
  const customerUserId = setup.customerByEmail.get(email) ?? null;
  const title = titleFor(target.demoCase);
  const duplicate = await createTicket(atTime(ctx, now - 3 * 60 * MINUTE), systemActor('mail'), {
    title,
    queueId: firstLevel.id,
    channel: 'email',
    priorityId: priorityFor(target.demoCase),
    customerUserId,
    article: { channel: 'email', senderType: 'customer', from: target.demoCase.from, to: DESK_ADDRESS, subject: title, bodyText: reminderText(target.demoCase), customerUserId },
  });
  await mergeTickets(atTime(ctx, now - 2 * 60 * MINUTE), target.handler.actor, { sourceTicketId: duplicate.id, targetTicketId: target.ticketId });
  return 1;
}
