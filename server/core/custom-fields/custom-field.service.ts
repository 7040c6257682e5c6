import { CUSTOM_FIELD_TYPES, type CustomFieldType } from '../../../shared/domain.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** A custom ticket field as admins define it (OTRS dynamic fields). */
export interface CustomFieldView {
  id: number;
  /** Identifier API clients and filters use (`Building`, `room_number`). */
  name: string;
  /** What people read in forms. */
  label: string;
  fieldType: CustomFieldType;
  /** Choices of a dropdown or multiselect field (stored as the field's config JSON). */
  options: string[];
  isValid: boolean;
}

/** A field's settings; name, label and fieldType are required on create. */
export interface CustomFieldInput {
  name: string;
  label: string;
  fieldType: CustomFieldType;
  options?: string[];
  isValid?: boolean;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** Every custom field. Any agent may read (ticket forms show them). */
export async function listCustomFields(ctx: ServiceContext, _actor: Actor): Promise<CustomFieldView[]> {
  const rows = await ctx.db.selectFrom('custom_field').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, label: r.label, fieldType: r.field_type as CustomFieldType, options: (JSON.parse(r.config) as { options?: string[] }).options ?? [], isValid: r.is_valid }));
}

/** One custom field. */
export async function getCustomField(ctx: ServiceContext, actor: Actor, fieldId: number): Promise<CustomFieldView> {
  const field = (await listCustomFields(ctx, actor)).find((f) => f.id === fieldId);
  if (!field) throw notFound(`Custom field ${fieldId}`);
  return field;
}

/** Creates a custom field (admins). */
export async function createCustomField(ctx: ServiceContext, actor: Actor, input: CustomFieldInput): Promise<CustomFieldView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const values = await checkedValues(tx, input, null);
    const row = await tx.db.insertInto('custom_field').values({ ...values, is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
    return getCustomField(tx, actor, row.id);
  });
}

/** Changes a custom field (admins). Its type is fixed once created, because stored values depend on it. */
export async function updateCustomField(ctx: ServiceContext, actor: Actor, fieldId: number, input: Partial<CustomFieldInput>): Promise<CustomFieldView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getCustomField(tx, actor, fieldId);
    if (input.fieldType !== undefined && input.fieldType !== current.fieldType) throw invalid('fieldType', 'cannot change once values are stored; create a new field');
    const values = await checkedValues(tx, { ...current, ...input }, fieldId);
    await tx.db.updateTable('custom_field').set({ ...values, is_valid: input.isValid ?? current.isValid }).where('id', '=', fieldId).execute();
    return getCustomField(tx, actor, fieldId);
  });
}

async function checkedValues(ctx: ServiceContext, input: CustomFieldInput, exceptId: number | null) {
  if (!NAME.test(input.name)) throw invalid('name', 'must start with a letter and contain only letters, digits and _ (at most 100)');
  const label = input.label.trim();
  if (!label) throw invalid('label', 'must not be empty');
  if (label.length > 200) throw invalid('label', 'must be at most 200 characters');
  if (!CUSTOM_FIELD_TYPES.includes(input.fieldType)) throw invalid('fieldType', `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}`);
  const hasOptions = input.fieldType === 'dropdown' || input.fieldType === 'multiselect';
  const options = (input.options ?? []).map((o) => o.trim());
  if (hasOptions && options.length === 0) throw invalid('options', `are required for a ${input.fieldType} field`);
  if (new Set(options).size !== options.length || options.some((o) => !o)) throw invalid('options', 'must be distinct and not empty');
  const clash = await ctx.db.selectFrom('custom_field').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase())).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `A custom field "${input.name}" exists already.`, { field: 'name' });
  return { name: input.name, label, field_type: input.fieldType, config: JSON.stringify({ options: hasOptions ? options : [] }) };
}
