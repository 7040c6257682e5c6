import type { ParsedMail } from '../mail-intake/parsed-mail.ts';
import type { FilterSets, MatchRule, PostmasterFilter } from './postmaster-filter.types.ts';

/** Filters look at the first 1 MB of the body only, which bounds the cost of any pattern. */
export const MAX_BODY_CHARS = 1_000_000;
/** Longest header value a rule is matched against; real headers are far shorter. */
export const MAX_HEADER_CHARS = 64 * 1024;
/** Placeholder in set values replaced by the captured text, as OTRS's [***]. */
export const CAPTURE_PLACEHOLDER = '[***]';

/** The outcome of one rule on one mail. */
interface RuleResult {
  holds: boolean;
  /** What a positive rule matched: the text and the first captured group, if any. */
  found?: Found;
}

interface Found {
  text: string;
  group?: string;
}

/** How one filter fared on one mail. */
export interface FilterMatch {
  matched: boolean;
  /** Index of the first rule that did not hold, or null when the filter matched. */
  failedRule: number | null;
  /** Text for [***] in the filter's set values. */
  capture: string;
}

/**
 * The values a rule is matched against: every occurrence of the header (a mail may carry
 * several Received or To headers), or the body for the pseudo-header `Body`.
 */
export function valuesFor(mail: ParsedMail, header: string): string[] {
  if (header.toLowerCase() === 'body') return [bodyText(mail).slice(0, MAX_BODY_CHARS)];
  return (mail.headers.get(header.toLowerCase()) ?? []).map((v) => v.slice(0, MAX_HEADER_CHARS));
}

function bodyText(mail: ParsedMail): string {
  if (mail.text.trim() || !mail.html) return mail.text;
  // HTML-only mail: match the words people read, not the markup. Cut first so stripping stays cheap.
  return mail.html.slice(0, MAX_BODY_CHARS * 2).replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
}

/** Tests one rule: text is a case-insensitive substring, a regex is matched case-insensitively. */
export function testRule(rule: MatchRule, values: string[]): RuleResult {
  for (const value of values) {
    const found = matchValue(rule, value);
    if (found) return rule.negate ? { holds: false } : { holds: true, found };
  }
  // A negated rule on a missing header holds: "no X-Spam-Flag: YES" is true without the header.
  return { holds: rule.negate };
}

function matchValue(rule: MatchRule, value: string): Found | null {
  if (!rule.isRegex) {
    const at = value.toLowerCase().indexOf(rule.value.toLowerCase());
    return at < 0 ? null : { text: value.slice(at, at + rule.value.length) };
  }
  const m = new RegExp(rule.value, 'i').exec(value);
  if (!m) return null;
  return m[1] === undefined ? { text: m[0] } : { text: m[0], group: m[1] };
}

/**
 * Evaluates a filter's rules in order (all must hold). [***] becomes the first group the
 * rules captured, else the text the first positive rule matched.
 */
export function matchFilter(rules: MatchRule[], mail: ParsedMail): FilterMatch {
  let group: string | undefined;
  let firstText: string | undefined;
  for (const [index, rule] of rules.entries()) {
    const result = testRule(rule, valuesFor(mail, rule.header));
    if (!result.holds) return { matched: false, failedRule: index, capture: '' };
    firstText ??= result.found?.text;
    group ??= result.found?.group;
  }
  return { matched: true, failedRule: null, capture: group ?? firstText ?? '' };
}

/** Replaces every [***] in a set value with the captured text. */
export function substituteCapture(text: string, capture: string): string {
  return text.split(CAPTURE_PLACEHOLDER).join(capture);
}

/** A filter's sets with [***] filled in. */
export function applyCapture(sets: FilterSets, capture: string): FilterSets {
  const result: FilterSets = { ...sets };
  if (sets.title !== undefined) result.title = substituteCapture(sets.title, capture);
  if (sets.customFields) {
    result.customFields = Object.fromEntries(Object.entries(sets.customFields).map(([k, v]) => [k, substituteCapture(v, capture)]));
  }
  return result;
}

/** Later sets override earlier ones key by key; custom fields merge by name. */
export function mergeSets(earlier: FilterSets, later: FilterSets): FilterSets {
  const merged: FilterSets = { ...earlier, ...later };
  if (earlier.customFields || later.customFields) merged.customFields = { ...earlier.customFields, ...later.customFields };
  return merged;
}

/** One filter's part in a run, for the dry run and history. */
export interface FilterTrace {
  filter: PostmasterFilter;
  /** matched, not_matched, or skipped because an earlier filter stopped the run. */
  status: 'matched' | 'not_matched' | 'skipped';
  failedRule: number | null;
  capture: string;
}

/** The combined result of the admin filters on a mail. */
export interface FiltersResult {
  ignore: boolean;
  newTicket: FilterSets;
  followUp: FilterSets;
  trace: FilterTrace[];
}

/** Runs filters in the given order: later matches override earlier sets; stop-after-match ends the run. */
export function runFilters(filters: PostmasterFilter[], mail: ParsedMail, start: { newTicket: FilterSets; followUp: FilterSets }): FiltersResult {
  const result: FiltersResult = { ignore: false, newTicket: start.newTicket, followUp: start.followUp, trace: [] };
  let stopped = false;
  for (const filter of filters) {
    if (stopped) {
      result.trace.push({ filter, status: 'skipped', failedRule: null, capture: '' });
      continue;
    }
    const m = matchFilter(filter.match, mail);
    result.trace.push({ filter, status: m.matched ? 'matched' : 'not_matched', failedRule: m.failedRule, capture: m.capture });
    if (!m.matched) continue;
    result.ignore ||= filter.ignore;
    result.newTicket = mergeSets(result.newTicket, applyCapture(filter.newTicket, m.capture));
    result.followUp = mergeSets(result.followUp, applyCapture(filter.followUp, m.capture));
    stopped = filter.stopAfterMatch;
  }
  return result;
}

/** Sorts filters as they run: by position, ties by name (OTRS runs filters in name order). */
export function sortFilters<T extends { position: number; name: string }>(filters: T[]): T[] {
  return [...filters].sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
