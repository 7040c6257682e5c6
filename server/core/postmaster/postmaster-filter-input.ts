import { SENDER_TYPES, TICKET_CHANNELS } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { normaliseCustomValue } from '../custom-fields/custom-field-value.ts';
import { loadCustomFieldDefinitions } from '../custom-fields/custom-field-values.service.ts';
import { invalid } from '../errors.ts';
import { CAPTURE_PLACEHOLDER } from './filter-match.ts';
import type { FilterRecord } from './postmaster-filter.repository.ts';
import { MAX_MATCH_RULES, type FilterSets, type MatchRule, type PostmasterFilterInput } from './postmaster-filter.types.ts';
import { typedValue } from './preset-resolve.ts';
import { findRefById, REF_KEYS, refWhat } from './preset-refs.ts';
import { MAX_PATTERN_LENGTH, regexProblem } from './regex-safety.ts';

/** RFC 5322 field names: printable ASCII without colon or space. */
const HEADER_NAME = /^[!-9;-~]{1,100}$/;
const MAX_CUSTOM_TEXT = 3800;

/**
 * Checks a filter as an admin submitted it and returns it complete. Every error names the
 * field as the API does (`match.2.value`, `newTicket.queueId`), so the form can point at it.
 */
export async function validateFilterInput(ctx: ServiceContext, input: PostmasterFilterInput): Promise<FilterRecord> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw invalid('name', 'must be 1 to 200 characters');
  const position = input.position ?? 0;
  if (!Number.isInteger(position) || position < 0 || position > 1_000_000) throw invalid('position', 'must be a whole number from 0 to 1000000');
  if (input.comment && input.comment.length > 250) throw invalid('comment', 'must be at most 250 characters');
  return {
    name,
    position,
    isValid: input.isValid ?? true,
    stopAfterMatch: input.stopAfterMatch ?? false,
    ignore: input.ignore ?? false,
    match: validateRules(input.match),
    newTicket: await validateSets(ctx, input.newTicket ?? {}, 'newTicket'),
    followUp: await validateSets(ctx, input.followUp ?? {}, 'followUp'),
    comment: input.comment?.trim() || null,
  };
}

function validateRules(rules: MatchRule[]): MatchRule[] {
  if (rules.length === 0) throw invalid('match', 'needs at least one rule');
  if (rules.length > MAX_MATCH_RULES) throw invalid('match', `may have at most ${MAX_MATCH_RULES} rules`);
  return rules.map((rule, i) => {
    const header = rule.header.trim();
    if (!HEADER_NAME.test(header)) throw invalid(`match.${i}.header`, 'must be a header name such as From, Subject or X-Spam-Flag, or Body');
    if (rule.value === '') throw invalid(`match.${i}.value`, 'must not be empty');
    if (rule.isRegex) {
      const problem = regexProblem(rule.value);
      if (problem) throw invalid(`match.${i}.value`, problem);
    } else if (rule.value.length > MAX_PATTERN_LENGTH) {
      throw invalid(`match.${i}.value`, `must be at most ${MAX_PATTERN_LENGTH} characters`);
    }
    return { header, value: rule.value, isRegex: rule.isRegex, negate: rule.negate };
  });
}

async function validateSets(ctx: ServiceContext, sets: FilterSets, prefix: string): Promise<FilterSets> {
  const result: FilterSets = {};
  for (const key of REF_KEYS) {
    const id = sets[key];
    if (id === undefined) continue;
    const item = await findRefById(ctx, key, id);
    if (!item) throw invalid(`${prefix}.${key}`, `${refWhat(key)} ${id} does not exist`);
    if (!item.isValid) throw invalid(`${prefix}.${key}`, `${refWhat(key)} "${item.name}" is not valid`);
    result[key] = id;
  }
  if (sets.title !== undefined) {
    if (!sets.title.trim() || sets.title.length > 255) throw invalid(`${prefix}.title`, 'must be 1 to 255 characters');
    result.title = sets.title;
  }
  if (sets.senderType !== undefined) {
    if (!SENDER_TYPES.includes(sets.senderType)) throw invalid(`${prefix}.senderType`, `must be one of ${SENDER_TYPES.join(', ')}`);
    result.senderType = sets.senderType;
  }
  if (sets.isVisibleForCustomer !== undefined) result.isVisibleForCustomer = sets.isVisibleForCustomer;
  if (sets.channel !== undefined) {
    if (!TICKET_CHANNELS.includes(sets.channel)) throw invalid(`${prefix}.channel`, `must be one of ${TICKET_CHANNELS.join(', ')}`);
    result.channel = sets.channel;
  }
  if (sets.customFields && Object.keys(sets.customFields).length) result.customFields = await validateCustomFields(ctx, sets.customFields, prefix);
  return result;
}

async function validateCustomFields(ctx: ServiceContext, values: Record<string, string>, prefix: string): Promise<Record<string, string>> {
  const definitions = await loadCustomFieldDefinitions(ctx, Object.keys(values));
  for (const [name, text] of Object.entries(values)) {
    const field = `${prefix}.customFields.${name}`;
    const definition = definitions.get(name);
    if (!definition) throw invalid(field, 'no such valid custom field');
    if (text.length > MAX_CUSTOM_TEXT) throw invalid(field, `must be at most ${MAX_CUSTOM_TEXT} characters`);
    // With [***] the value is only known per mail; it is checked when the filter runs.
    if (text.includes(CAPTURE_PLACEHOLDER)) continue;
    const checked = normaliseCustomValue(definition, typedValue(definition, text.trim()));
    if ('error' in checked) throw invalid(field, checked.error);
  }
  return { ...values };
}
