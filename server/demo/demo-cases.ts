import { readFileSync } from 'node:fs';

/** The routing topics the demo cases are labelled with; each maps to a demo queue. */
export const DEMO_TOPICS = ['password', 'accounts', 'wifi', 'email', 'elearning', 'software', 'printing', 'hardware', 'exams', 'enrolment', 'data-protection', 'other'] as const;
export type DemoTopic = (typeof DEMO_TOPICS)[number];

/** One request as it reached the desk (a subset of the routing corpus, shipped with the code). */
export interface DemoCase {
  subject: string;
  body: string;
  /** `Display Name <address>` as in the From header. */
  from: string;
  topic: DemoTopic;
  lang: 'de' | 'en' | 'mixed';
  urgency: 'low' | 'normal' | 'high';
}

/**
 * Reads the bundled cases: 210 requests (18 per topic, 12 "other") taken from the routing
 * corpus with the fields above. The file sits next to the code so a fresh clone has it.
 */
export function loadDemoCases(): DemoCase[] {
  const cases = JSON.parse(readFileSync(new URL('./demo-cases.json', import.meta.url), 'utf8')) as DemoCase[];
  for (const c of cases) {
    if (!(DEMO_TOPICS as readonly string[]).includes(c.topic)) throw new Error(`demo-cases.json: unknown topic "${c.topic}"`);
  }
  return cases;
}

/** Name and address of a From header. */
export function parseFrom(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (match?.[2]) return { name: match[1]?.trim() || match[2], email: match[2].trim().toLowerCase() };
  return { name: from.trim(), email: from.trim().toLowerCase() };
}

/** A ticket title from a mail subject: ticket tags removed, empty subjects replaced by the body's start. */
export function titleFor(c: DemoCase): string {
  const subject = c.subject.replace(/\[?Ticket#\s*\d+\]?/gi, '').replace(/\s+/g, ' ').trim();
  if (subject && !/^(re|aw|wg|fw|fwd):?$/i.test(subject)) return subject.slice(0, 200);
  const firstLine = c.body.split('\n').map((l) => l.trim()).find((l) => l.length > 12 && !/^(hallo|hi|hello|liebe|sehr geehrte|dear|guten)/i.test(l));
  return (firstLine ?? (c.lang === 'en' ? '(no subject)' : '(kein Betreff)')).slice(0, 80);
}

/** OTRS priority id for the case's urgency: 2 low, 3 normal, 4 high. */
export function priorityFor(c: DemoCase): number {
  return c.urgency === 'high' ? 4 : c.urgency === 'low' ? 2 : 3;
}

/** Small deterministic random numbers, so every demo desk looks the same. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
