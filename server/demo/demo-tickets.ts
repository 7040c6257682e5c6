import { addArticle } from '../core/articles/article.service.ts';
import type { ServiceContext } from '../core/context.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { createTicket } from '../core/tickets/create-ticket.service.ts';
import { lockTicket, unlockTicket } from '../core/tickets/lock-ticket.service.ts';
import { updateTicket } from '../core/tickets/update-ticket.service.ts';
import { DEMO_QUEUES, type DemoGroupKey, type DemoRoleKey } from './demo-catalog.ts';
import { parseFrom, priorityFor, seededRandom, titleFor, type DemoCase, type DemoTopic } from './demo-cases.ts';
import { atTime, type DemoAgentRef, type DemoSetup, type DemoTicketRecord } from './demo-setup.types.ts';
import { escalationNote, noteText, replyText, thanksText } from './demo-texts.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far back the demo desk's history reaches. */
const HISTORY_DAYS = 60;
/** Mail intake is who creates tickets from customers' mails. */
const intake = systemActor('mail');
export const DESK_ADDRESS = 'RMZ Service Desk <servicedesk@uni-spree.de>';

const TEAM_OF_GROUP: Record<DemoGroupKey, DemoRoleKey> = { 'first-level': 'first', 'second-level': 'second', 'second-level-team': 'second', 'student-services': 'students', 'data-protection': 'privacy' };
/** Topics the 1st level often settles itself with a standard answer. */
const FIRST_LEVEL_TOPICS: DemoTopic[] = ['password', 'wifi', 'email', 'printing', 'software'];

/** One ticket's way through the desk; `t` is the time of its latest step. */
interface Story {
  ctx: ServiceContext;
  setup: DemoSetup;
  demoCase: DemoCase;
  ticketId: number;
  title: string;
  random: () => number;
  now: number;
  t: number;
}

/**
 * Creates one ticket per case, as mail intake would, and plays its story through the core
 * services with the clock set to each step's time: dispatch, escalation, lock, reply, notes,
 * closing or pending. Tickets spread over the last HISTORY_DAYS days.
 */
export async function createDemoTickets(ctx: ServiceContext, setup: DemoSetup, cases: DemoCase[]): Promise<DemoTicketRecord[]> {
  const now = ctx.clock.now().getTime();
  const random = seededRandom(20261128);
  const records: DemoTicketRecord[] = [];
  for (const [index, demoCase] of cases.entries()) {
    const created = creationTime(index, cases.length, random, now);
    const title = titleFor(demoCase);
    const { email } = parseFrom(demoCase.from);
    const customerUserId = setup.customerByEmail.get(email) ?? null;
    const ticket = await createTicket(atTime(ctx, created), intake, {
      title,
      queueId: queue(setup, 'first').id,
      channel: 'email',
      priorityId: priorityFor(demoCase),
      customerUserId,
      article: { channel: 'email', senderType: 'customer', from: demoCase.from, to: DESK_ADDRESS, subject: demoCase.subject || title, bodyText: demoCase.body, customerUserId },
    });
    const story: Story = { ctx, setup, demoCase, ticketId: ticket.id, title, random, now, t: created };
    records.push({ ticketId: ticket.id, demoCase, ...(await playStory(story, index)) });
  }
  return records;
}

/** Older tickets first; working hours (07:00–17:00 UTC) so the desk looks like a desk. */
function creationTime(index: number, total: number, random: () => number, now: number): number {
  // Skewed towards the last days: recent tickets are the open work, older ones mostly closed.
  const daysAgo = HISTORY_DAYS * (1 - (index + random() * 0.8) / total) ** 1.5;
  const day = new Date(now - daysAgo * DAY);
  day.setUTCHours(7 + Math.floor(random() * 10), Math.floor(random() * 60), 0, 0);
  // Today's tickets stay in the past, however early the desk is loaded.
  return Math.min(day.getTime(), now - (5 + Math.floor(random() * 90)) * MINUTE);
}

async function playStory(story: Story, index: number): Promise<Omit<DemoTicketRecord, 'ticketId' | 'demoCase'>> {
  const age = (story.now - story.t) / DAY;
  const firstAgent = pick(story.setup.teams.first, story.random);
  if (age < 3) {
    if (story.random() < 0.6) return { queueKey: 'first', handler: null, outcome: 'new' };
    await work(story, firstAgent, 0);
    await setState(story, firstAgent, 'open');
    return { queueKey: 'first', handler: firstAgent, outcome: 'open' };
  }
  // Now and then the 1st level cannot settle a specialist matter and escalates to the 2nd level's own queue.
  const escalates = index % 9 === 4 && queue(story.setup, queueKeyOf(story.demoCase.topic)).group === 'second-level';
  const target = escalates ? 'second' : queueKeyOf(story.demoCase.topic);
  const solvesAtFirst = target === 'first' || (!escalates && FIRST_LEVEL_TOPICS.includes(story.demoCase.topic) && story.random() < 0.2);
  let handler = firstAgent;
  if (!solvesAtFirst) {
    const targetQueue = queue(story.setup, target);
    if (escalates) await escalate(story, firstAgent, targetQueue.fullName);
    await updateTicket(step(story, 90, 0.05), firstAgent.actor, { ticketId: story.ticketId, queueId: targetQueue.id });
    handler = pick(story.setup.teams[TEAM_OF_GROUP[targetQueue.group]], story.random);
  }
  await work(story, handler, index);
  const outcome = await finish(story, handler, age);
  return { queueKey: solvesAtFirst ? 'first' : target, handler, outcome };
}

/** A 1st-level agent tries, notes why it needs the specialists, and lets go of the ticket. */
async function escalate(story: Story, agent: DemoAgentRef, queueName: string): Promise<void> {
  const ctx = step(story, 60, 0.03);
  await lockTicket(ctx, agent.actor, { ticketId: story.ticketId });
  await addArticle(ctx, agent.actor, { ticketId: story.ticketId, article: { channel: 'note', subject: 'Übergabe an 2nd Level', bodyText: escalationNote(queueName) } });
  await unlockTicket(ctx, agent.actor, { ticketId: story.ticketId });
}

/** The handler takes the ticket, sometimes notes something internal, and answers the customer. */
async function work(story: Story, agent: DemoAgentRef, index: number): Promise<void> {
  const taken = step(story, 20 * 60, 0.3);
  await lockTicket(taken, agent.actor, { ticketId: story.ticketId });
  if (story.random() < 0.3) {
    await addArticle(taken, agent.actor, { ticketId: story.ticketId, article: { channel: 'note', subject: 'Notiz', bodyText: noteText(index) } });
  }
  const { email } = parseFrom(story.demoCase.from);
  await addArticle(step(story, 120, 0.1), agent.actor, {
    ticketId: story.ticketId,
    article: { channel: 'email', from: DESK_ADDRESS, to: email, bodyText: replyText(story.demoCase, agent.name), timeUnits: 5 + Math.floor(story.random() * 4) * 5 },
  });
}

/** Where the ticket ends up, by age: old ones mostly closed, recent ones open or waiting. */
async function finish(story: Story, agent: DemoAgentRef, age: number): Promise<DemoTicketRecord['outcome']> {
  const r = story.random();
  if (age > 10 ? r < 0.8 : r > 0.7) {
    if (story.random() < 0.4) {
      await addArticle(step(story, 24 * 60, 0.3), intake, {
        ticketId: story.ticketId,
        article: { channel: 'email', senderType: 'customer', from: story.demoCase.from, to: DESK_ADDRESS, bodyText: thanksText(story.demoCase) },
      });
    }
    await setState(story, agent, age > 10 && r > 0.72 ? 'closed unsuccessful' : 'closed successful');
    return 'closed';
  }
  if (r < 0.35) {
    const pendingUntil = new Date(story.now + (1 + Math.floor(story.random() * 5)) * DAY).toISOString();
    await setState(story, agent, 'pending reminder', pendingUntil);
    return 'pending';
  }
  await setState(story, agent, 'open');
  // Some open tickets go back to the queue for a colleague (OTRS: unlock after a reply).
  if (story.random() < 0.3) await unlockTicket(step(story, 30, 0.05), agent.actor, { ticketId: story.ticketId });
  return 'open';
}

async function setState(story: Story, agent: DemoAgentRef, state: string, pendingUntil?: string): Promise<void> {
  const stateId = story.setup.stateIds.get(state);
  if (stateId === undefined) throw new Error(`The demo desk needs the ticket state "${state}".`);
  await updateTicket(step(story, 3 * 24 * 60, 0.4), agent.actor, { ticketId: story.ticketId, stateId, ...(pendingUntil ? { pendingUntil } : {}) });
}

/** Moves the story's time forward by at most `maxMinutes`, never past now, and returns a context at that time. */
function step(story: Story, maxMinutes: number, fraction: number): ServiceContext {
  const room = Math.max(0, story.now - story.t - MINUTE);
  story.t += Math.min(maxMinutes * MINUTE, room * fraction) * (0.5 + story.random() / 2);
  return atTime(story.ctx, Math.round(story.t));
}

function queueKeyOf(topic: DemoTopic): string {
  const entry = DEMO_QUEUES.find((q) => q.topics.includes(topic));
  if (!entry) throw new Error(`No demo queue for topic "${topic}".`);
  return entry.key;
}

function queue(setup: DemoSetup, key: string) {
  const found = setup.queues.get(key);
  if (!found) throw new Error(`Demo queue "${key}" is missing.`);
  return found;
}

function pick<T>(items: T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('The demo desk needs at least one agent per team.');
  return item;
}
