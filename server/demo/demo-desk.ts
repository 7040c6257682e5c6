import type { ServiceContext } from '../core/context.ts';

/** Loads the demo desk (queues, agents, customers, tickets) unless it is there already. */
export async function loadDemoDesk(_ctx: ServiceContext): Promise<{ summary: string }> {
  return { summary: 'Demo data is not available yet.' };
}
