import { z } from 'zod';
import { STATE_TYPES } from '../../../../../shared/domain.ts';
import { listNamed, listServices, listStates, saveNamed, saveService, saveState } from '../../../../core/catalog/catalog.service.ts';
import { listSlas, listSystemAddresses, listTextSnippets, saveSla, saveSystemAddress, saveTextSnippet } from '../../../../core/catalog/sla-and-texts.service.ts';
import type { RouteModule } from '../route-module.ts';
import { registerCrud } from './crud-routes.ts';

const valid = { isValid: z.boolean() };
const minutes = z.number().int().min(0).max(10_000_000);
const percent = z.number().int().min(0).max(100);
const named = z.object({ id: z.number().int(), name: z.string(), ...valid });

/** States, priorities, types, services, SLAs, system addresses, salutations, signatures. */
export const catalogRoutes: RouteModule = (api, deps) => {
  const ctx = deps.ctx;
  registerCrud(api, {
    path: 'states', tag: 'configuration', noun: 'state',
    item: z.object({ id: z.number().int(), name: z.string(), type: z.enum(STATE_TYPES), comment: z.string().nullable(), ...valid }).meta({ id: 'State' }),
    input: z.object({ name: z.string().min(1).max(200), type: z.enum(STATE_TYPES), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional() }),
    list: () => listStates(ctx),
    save: (actor, id, input) => saveState(ctx, actor, id, input),
  });
  registerCrud(api, {
    path: 'priorities', tag: 'configuration', noun: 'priority', noCreate: true,
    item: named.meta({ id: 'Priority' }),
    input: z.object({ name: z.string().min(1).max(200), isValid: z.boolean().optional() }),
    list: () => listNamed(ctx, 'ticket_priority'),
    save: (actor, id, input) => saveNamed(ctx, actor, 'ticket_priority', id, input),
  });
  registerCrud(api, {
    path: 'types', tag: 'configuration', noun: 'ticket type',
    item: named.meta({ id: 'TicketType' }),
    input: z.object({ name: z.string().min(1).max(200), isValid: z.boolean().optional() }),
    list: () => listNamed(ctx, 'ticket_type'),
    save: (actor, id, input) => saveNamed(ctx, actor, 'ticket_type', id, input),
  });
  registerCrud(api, {
    path: 'services', tag: 'configuration', noun: 'service',
    item: named.extend({ fullName: z.string(), parentId: z.number().int().nullable(), comment: z.string().nullable() }).meta({ id: 'Service' }),
    input: z.object({ name: z.string().min(1).max(200), parentId: z.number().int().positive().nullable().optional(), comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional() }),
    list: () => listServices(ctx),
    save: (actor, id, input) => saveService(ctx, actor, id, input),
  });
  registerCrud(api, {
    path: 'slas', tag: 'configuration', noun: 'SLA',
    item: named
      .extend({
        firstResponseTime: z.number(), firstResponseNotify: z.number(), updateTime: z.number(), updateNotify: z.number(), solutionTime: z.number(),
        solutionNotify: z.number(), calendarName: z.string().nullable(), comment: z.string().nullable(), serviceIds: z.array(z.number().int()),
      })
      .meta({ id: 'Sla' }),
    input: z.object({
      name: z.string().min(1).max(200), firstResponseTime: minutes.optional(), firstResponseNotify: percent.optional(), updateTime: minutes.optional(),
      updateNotify: percent.optional(), solutionTime: minutes.optional(), solutionNotify: percent.optional(), calendarName: z.string().max(100).nullable().optional(),
      comment: z.string().max(250).nullable().optional(), isValid: z.boolean().optional(), serviceIds: z.array(z.number().int().positive()).optional(),
    }),
    list: () => listSlas(ctx),
    save: (actor, id, input) => saveSla(ctx, actor, id, input),
  });
  registerCrud(api, {
    path: 'system-addresses', tag: 'configuration', noun: 'system address',
    item: z.object({ id: z.number().int(), email: z.string(), displayName: z.string(), ...valid }).meta({ id: 'SystemAddress' }),
    input: z.object({ email: z.string().min(3).max(200), displayName: z.string().min(1).max(200), isValid: z.boolean().optional() }),
    list: () => listSystemAddresses(ctx),
    save: (actor, id, input) => saveSystemAddress(ctx, actor, id, input),
  });
  for (const table of ['salutation', 'signature'] as const) {
    registerCrud(api, {
      path: `${table}s`, tag: 'configuration', noun: table,
      item: named.extend({ text: z.string() }).meta({ id: table === 'salutation' ? 'Salutation' : 'Signature' }),
      input: z.object({ name: z.string().min(1).max(200), text: z.string().max(20_000), isValid: z.boolean().optional() }),
      list: () => listTextSnippets(ctx, table),
      save: (actor, id, input) => saveTextSnippet(ctx, actor, table, id, input),
    });
  }
};
