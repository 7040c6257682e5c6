import { SENDER_TYPES, TICKET_CHANNELS, type SenderType, type TicketChannel } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { normaliseCustomValue, type CustomFieldDefinition } from '../custom-fields/custom-field-value.ts';
import { loadCustomFieldDefinitions } from '../custom-fields/custom-field-values.service.ts';
import { grantsAllow, loadGrants } from '../permissions/permission.service.ts';
import { isNo, isYes, type NamedSets } from './control-headers.ts';
import type { TicketPresets } from './postmaster.service.ts';
import type { FilterSets } from './postmaster-filter.types.ts';
import { findRefById, findRefByName, REF_KEYS, refWhat, type RefKey } from './preset-refs.ts';

const NAMED_REFS: [Exclude<keyof NamedSets, 'customFields'>, RefKey][] = [
  ['queue', 'queueId'],
  ['priority', 'priorityId'],
  ['state', 'stateId'],
  ['type', 'typeId'],
  ['service', 'serviceId'],
  ['sla', 'slaId'],
  ['owner', 'ownerId'],
  ['responsible', 'responsibleId'],
  ['customerUser', 'customerUserId'],
];

const isSenderType = (value: string): value is SenderType => (SENDER_TYPES as readonly string[]).includes(value);
const isTicketChannel = (value: string): value is TicketChannel => (TICKET_CHANNELS as readonly string[]).includes(value);

/**
 * Turns names from control headers into ids. A name that matches no valid item is left out
 * with a warning, as OTRS ignores an unknown X-OTRS-Queue: the mail must still get through.
 */
export async function resolveNamedSets(ctx: ServiceContext, named: NamedSets, label: string, warnings: string[]): Promise<FilterSets> {
  const sets: FilterSets = {};
  for (const [nameKey, refKey] of NAMED_REFS) {
    const value = named[nameKey];
    if (!value) continue;
    const item = await findRefByName(ctx, refKey, value);
    if (item) sets[refKey] = item.id;
    else warnings.push(`${label}: no valid ${refWhat(refKey)} "${value}"; ignored`);
  }
  if (named.title) sets.title = named.title;
  if (named.senderType) {
    const senderType = named.senderType.toLowerCase();
    if (isSenderType(senderType)) sets.senderType = senderType;
    else warnings.push(`${label}: sender type "${named.senderType}" is not one of ${SENDER_TYPES.join(', ')}; ignored`);
  }
  if (named.isVisibleForCustomer) {
    if (isYes(named.isVisibleForCustomer) || isNo(named.isVisibleForCustomer)) sets.isVisibleForCustomer = isYes(named.isVisibleForCustomer);
    else warnings.push(`${label}: visibility "${named.isVisibleForCustomer}" is not yes or no; ignored`);
  }
  if (named.channel) {
    const channel = named.channel.trim().toLowerCase();
    if (isTicketChannel(channel)) sets.channel = channel;
    else warnings.push(`${label}: channel "${named.channel}" is not one of ${TICKET_CHANNELS.join(', ')}; ignored`);
  }
  if (named.customFields) sets.customFields = named.customFields;
  return sets;
}

/**
 * The presets intake applies: ids checked once more (an admin may have invalidated a queue
 * since the filter was saved), custom field values typed and checked. Anything unusable is
 * left out with a warning instead of failing the mail.
 */
export async function toTicketPresets(ctx: ServiceContext, sets: FilterSets, label: string, warnings: string[]): Promise<TicketPresets> {
  const presets: TicketPresets = {};
  for (const key of REF_KEYS) {
    const id = sets[key];
    if (id === undefined) continue;
    const item = await findRefById(ctx, key, id);
    if (item?.isValid) presets[key] = id;
    else warnings.push(`${label}: ${refWhat(key)} ${item ? `"${item.name}" is not valid` : `${id} does not exist`}; ignored`);
  }
  await dropOwnerWithoutPermission(ctx, presets, label, warnings);
  const title = sets.title?.trim().slice(0, 255);
  if (title) presets.title = title;
  if (sets.senderType) presets.senderType = sets.senderType;
  if (sets.isVisibleForCustomer !== undefined) presets.isVisibleForCustomer = sets.isVisibleForCustomer;
  if (sets.channel) presets.channel = sets.channel;
  if (sets.customFields) {
    const values = await customFieldValues(ctx, sets.customFields, label, warnings);
    if (Object.keys(values).length) presets.customFields = values;
  }
  return presets;
}

/**
 * Ticket creation refuses an owner without the "owner" permission on the queue; a filter
 * that names one must not make the whole mail fail, so the owner is left out instead.
 */
async function dropOwnerWithoutPermission(ctx: ServiceContext, presets: TicketPresets, label: string, warnings: string[]): Promise<void> {
  if (presets.ownerId === undefined || presets.queueId === undefined) return;
  const queue = await ctx.db.selectFrom('queue').select(['group_id', 'full_name']).where('id', '=', presets.queueId).executeTakeFirstOrThrow();
  const grants = (await loadGrants(ctx, [presets.ownerId])).get(presets.ownerId) ?? new Map();
  if (grantsAllow(grants, queue.group_id, 'owner')) return;
  warnings.push(`${label}: agent ${presets.ownerId} may not own tickets in "${queue.full_name}"; owner ignored`);
  delete presets.ownerId;
}

async function customFieldValues(ctx: ServiceContext, texts: Record<string, string>, label: string, warnings: string[]): Promise<Record<string, unknown>> {
  // Header names arrive lower-cased, so field names are matched without regard to case.
  const rows = await ctx.db.selectFrom('custom_field').select('name').where('is_valid', '=', true).execute();
  const byLower = new Map(rows.map((r) => [r.name.toLowerCase(), r.name]));
  const definitions = await loadCustomFieldDefinitions(ctx, [...new Set(Object.keys(texts).map((n) => byLower.get(n.toLowerCase())).filter((n) => n !== undefined))]);
  const values: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(texts)) {
    const field = definitions.get(byLower.get(name.toLowerCase()) ?? '');
    if (!field) {
      warnings.push(`${label}: no valid custom field "${name}"; ignored`);
      continue;
    }
    // An empty value (e.g. [***] when nothing was captured) sets nothing rather than clearing the field.
    if (text.trim() === '') continue;
    const checked = normaliseCustomValue(field, typedValue(field, text.trim()));
    if ('error' in checked) warnings.push(`${label}: custom field "${field.name}" ${checked.error}; ignored`);
    else values[field.name] = checked.value;
  }
  return values;
}

/** Custom field values travel as text; checkboxes and multiselects need their own types. */
export function typedValue(field: CustomFieldDefinition, text: string): unknown {
  if (field.fieldType === 'checkbox') return isYes(text) ? true : isNo(text) ? false : text;
  if (field.fieldType === 'multiselect') return text.split(',').map((v) => v.trim()).filter(Boolean);
  return text;
}
