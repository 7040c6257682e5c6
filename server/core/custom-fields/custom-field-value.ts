import type { CustomFieldType } from '../../../shared/domain.ts';

/** A custom field definition as admins configure it. */
export interface CustomFieldDefinition {
  id: number;
  name: string;
  fieldType: CustomFieldType;
  /** Allowed values for dropdown and multiselect fields. */
  options: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 3800;

/**
 * Checks a value against its field's type and returns it normalised, or an error message.
 * null clears the field.
 */
export function normaliseCustomValue(field: CustomFieldDefinition, value: unknown): { value: unknown } | { error: string } {
  if (value === null) return { value: null };
  switch (field.fieldType) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return { error: 'must be text' };
      if (field.fieldType === 'text' && value.includes('\n')) return { error: 'must be a single line' };
      if (value.length > MAX_TEXT) return { error: `must be at most ${MAX_TEXT} characters` };
      return { value };
    }
    case 'dropdown':
      if (typeof value !== 'string' || !field.options.includes(value)) return { error: `must be one of: ${field.options.join(', ')}` };
      return { value };
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !field.options.includes(v))) {
        return { error: `must be a list of: ${field.options.join(', ')}` };
      }
      return { value: [...new Set(value as string[])] };
    }
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return { error: 'must be a date YYYY-MM-DD' };
      return { value };
    case 'datetime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/T/.test(value)) return { error: 'must be an ISO 8601 date and time' };
      return { value: new Date(value).toISOString() };
    }
    case 'checkbox':
      if (typeof value !== 'boolean') return { error: 'must be true or false' };
      return { value };
  }
}
