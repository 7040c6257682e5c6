import { CUSTOM_FIELD_TYPES, type CustomFieldType } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** A custom ticket field as admins define it (OTRS dynamic fields). */
export interface CustomFieldView {
  id: number;
  name: string;
  label: string;
  fieldType: CustomFieldType;
  options: string[];
  isValid: boolean;
}

export interface CustomFieldInput {
  name?: string;
  label?: string;
  fieldType?: CustomFieldType;
  options?: string[];
  isValid?: boolean;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export async function listCustomFields(ctx: ServiceContext): Promise<CustomFieldView[]> {
  const rows = await ctx.db.selectFrom('custom_field').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, label: r.label, fieldType: r.field_type as CustomFieldType, options: (JSON.parse(r.config) as { options?: string[] }).options ?? [], isValid: r.is_valid }));
}

/** Creates (id null) or changes a custom field (admins). The name is what API clients and filters use. */
export async function saveCustomField(ctx: ServiceContext, actor: Actor, id: number | null, input: CustomFieldInput): Promise<CustomFieldView> {
  requireAdmin(actor);
  const current = id === null ? undefined : (await listCustomFields(ctx)).find((f) => f.id === id);
  if (id !== null && !current) throw notFound(`Custom field ${id}`);
  const merged = { name: input.name ?? current?.name ?? '', label: input.label ?? current?.label ?? '', fieldType: input.fieldType ?? current?.fieldType, options: input.options ?? current?.options ?? [] };
  if (!NAME.test(merged.name)) throw invalid('name', 'must start with a letter and contain only letters, digits and _ (at most 100)');
  if (!merged.label.trim()) throw invalid('label', 'must not be empty');
  if (!merged.fieldType || !CUSTOM_FIELD_TYPES.includes(merged.fieldType)) throw invalid('fieldType', `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}`);
  if (current && input.fieldType && input.fieldType !== current.fieldType) throw invalid('fieldType', 'cannot change once values are stored; create a new field');
  const needsOptions = merged.fieldType === 'dropdown' || merged.fieldType === 'multiselect';
  if (needsOptions && merged.options.length === 0) throw invalid('options', `are required for a ${merged.fieldType} field`);
  if (new Set(merged.options).size !== merged.options.length || merged.options.some((o) => !o.trim())) throw invalid('options', 'must be distinct and not empty');
  const clash = await ctx.db.selectFrom('custom_field').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', merged.name.toLowerCase())).executeTakeFirst();
  if (clash && clash.id !== id) throw new DomainError('CONFLICT', `A custom field "${merged.name}" exists already.`, { field: 'name' });
  const values = { name: merged.name, label: merged.label.trim(), field_type: merged.fieldType, config: JSON.stringify({ options: needsOptions ? merged.options : [] }), is_valid: input.isValid ?? current?.isValid ?? true };
  const row = id === null
    ? await ctx.db.insertInto('custom_field').values(values).returning('id').executeTakeFirstOrThrow()
    : await ctx.db.updateTable('custom_field').set(values).where('id', '=', id).returning('id').executeTakeFirstOrThrow();
  return (await listCustomFields(ctx)).find((f) => f.id === row.id) as CustomFieldView;
}
