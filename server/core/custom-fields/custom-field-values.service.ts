import type { CustomFieldType } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { HistoryEntry } from '../history/history.repository.ts';
import { normaliseCustomValue, type CustomFieldDefinition } from './custom-field-value.ts';

/** Loads valid custom field definitions by name. */
export async function loadCustomFieldDefinitions(ctx: ServiceContext, names: string[]): Promise<Map<string, CustomFieldDefinition>> {
  if (names.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('custom_field').select(['id', 'name', 'field_type', 'config']).where('name', 'in', names).where('is_valid', '=', true).execute();
  return new Map(
    rows.map((r) => {
      const config = JSON.parse(r.config) as { options?: string[] };
      return [r.name, { id: r.id, name: r.name, fieldType: r.field_type as CustomFieldType, options: config.options ?? [] }];
    }),
  );
}

/**
 * Validates and writes custom field values of a ticket (null removes a value) and returns
 * one history entry per changed field. Errors name the field as `customFields.<name>`.
 */
export async function writeCustomValues(ctx: ServiceContext, ticketId: number, values: Record<string, unknown>): Promise<HistoryEntry[]> {
  const names = Object.keys(values);
  const definitions = await loadCustomFieldDefinitions(ctx, names);
  const history: HistoryEntry[] = [];
  for (const name of names) {
    const field = definitions.get(name);
    if (!field) throw invalid(`customFields.${name}`, 'no such custom field');
    const checked = normaliseCustomValue(field, values[name]);
    if ('error' in checked) throw invalid(`customFields.${name}`, checked.error);
    const existing = await ctx.db.selectFrom('ticket_custom_value').select('value').where('ticket_id', '=', ticketId).where('field_id', '=', field.id).executeTakeFirst();
    const next = checked.value === null ? null : JSON.stringify(checked.value);
    if ((existing?.value ?? null) === next) continue;
    if (next === null) {
      await ctx.db.deleteFrom('ticket_custom_value').where('ticket_id', '=', ticketId).where('field_id', '=', field.id).execute();
    } else if (existing) {
      await ctx.db.updateTable('ticket_custom_value').set({ value: next }).where('ticket_id', '=', ticketId).where('field_id', '=', field.id).execute();
    } else {
      await ctx.db.insertInto('ticket_custom_value').values({ ticket_id: ticketId, field_id: field.id, value: next }).execute();
    }
    history.push({ type: 'CustomFieldUpdate', field: name, oldValue: existing?.value ?? null, newValue: next });
  }
  return history;
}
