import type { PermissionKind } from '../../shared/domain.ts';
import type { DemoTopic } from './demo-cases.ts';

/**
 * What the demo desk of the "Universität an der Spree" consists of: groups, the queue tree,
 * roles, agents and customer companies. Everything is fictitious.
 */

export type DemoGroupKey = 'first-level' | 'second-level' | 'second-level-team' | 'student-services' | 'data-protection';

export const DEMO_GROUPS: { key: DemoGroupKey; name: string; comment: string }[] = [
  { key: 'first-level', name: 'service-desk-1st-level', comment: 'RMZ Service Desk, first contact' },
  { key: 'second-level', name: 'service-desk-2nd-level', comment: 'RMZ specialist queues; the 1st level follows its tickets' },
  { key: 'second-level-team', name: 'service-desk-2nd-level-team', comment: "The 2nd level's own queue for escalations; hidden from the 1st level" },
  { key: 'student-services', name: 'student-services', comment: 'Studierendenservice: exams and enrolment' },
  { key: 'data-protection', name: 'data-protection', comment: 'Data protection office; confidential' },
];

/** A queue of the tree; `parent` names another entry's key. Times are minutes (0 = none). */
export interface DemoQueue {
  key: string;
  name: string;
  parent?: string;
  group: DemoGroupKey;
  topics: DemoTopic[];
  unlockTimeout?: number;
  firstResponseTime?: number;
  updateTime?: number;
  solutionTime?: number;
  /** Key of the queue "escalate" hands tickets to. */
  escalatesTo?: string;
  comment: string;
}

export const DEMO_QUEUES: DemoQueue[] = [
  { key: 'desk', name: 'Service Desk', group: 'first-level', topics: [], comment: 'RMZ Service Desk' },
  { key: 'first', name: '1st Level', parent: 'desk', group: 'first-level', topics: ['other'], unlockTimeout: 120, firstResponseTime: 240, updateTime: 480, solutionTime: 2880, escalatesTo: 'second', comment: 'All new requests arrive here' },
  { key: 'second', name: '2nd Level', parent: 'desk', group: 'second-level-team', topics: [], unlockTimeout: 480, updateTime: 1440, comment: 'Escalations from the 1st level' },
  { key: 'password', name: 'Password & Accounts', parent: 'second', group: 'second-level', topics: ['password', 'accounts'], unlockTimeout: 240, firstResponseTime: 480, solutionTime: 2880, comment: 'Identity management' },
  { key: 'wifi', name: 'Wi-Fi & VPN', parent: 'second', group: 'second-level', topics: ['wifi'], unlockTimeout: 480, updateTime: 1440, comment: 'Network team' },
  { key: 'email', name: 'Email', parent: 'second', group: 'second-level', topics: ['email'], comment: 'Mail and groupware' },
  { key: 'elearning', name: 'E-Learning (Moodle)', parent: 'second', group: 'second-level', topics: ['elearning'], firstResponseTime: 480, comment: 'Moodle support' },
  { key: 'software', name: 'Software', parent: 'second', group: 'second-level', topics: ['software'], comment: 'Campus licences and pool software' },
  { key: 'printing', name: 'Printing', parent: 'second', group: 'second-level', topics: ['printing'], comment: 'Print, scan and copy' },
  { key: 'hardware', name: 'Hardware', parent: 'second', group: 'second-level', topics: ['hardware'], unlockTimeout: 480, solutionTime: 4320, comment: 'Lending, pool PCs, media technology' },
  { key: 'students', name: 'Student Services', group: 'student-services', topics: [], comment: 'Studierendenservice' },
  { key: 'exams', name: 'Exams', parent: 'students', group: 'student-services', topics: ['exams'], firstResponseTime: 480, solutionTime: 2880, comment: 'Examination office' },
  { key: 'enrolment', name: 'Enrolment', parent: 'students', group: 'student-services', topics: ['enrolment'], comment: 'Enrolment, CampusCard, semester ticket' },
  { key: 'privacy', name: 'Data Protection', group: 'data-protection', topics: ['data-protection'], firstResponseTime: 120, updateTime: 1440, solutionTime: 4320, comment: 'GDPR requests, phishing, breaches' },
];

export type DemoRoleKey = 'first' | 'second' | 'students' | 'privacy';

export const DEMO_ROLES: { key: DemoRoleKey; name: string; comment: string; grants: Partial<Record<DemoGroupKey, PermissionKind[]>> }[] = [
  {
    key: 'first',
    name: '1st Level',
    comment: 'Service Desk: takes every request, solves or dispatches',
    // Sees the specialists' queues to follow up; may hand tickets to teams it cannot read.
    grants: { 'first-level': ['rw'], 'second-level': ['ro', 'move_into', 'create', 'note'], 'second-level-team': ['move_into'], 'student-services': ['move_into', 'create'], 'data-protection': ['move_into'] },
  },
  { key: 'second', name: '2nd Level', comment: 'RMZ specialist teams', grants: { 'second-level': ['rw'], 'second-level-team': ['rw'], 'first-level': ['ro', 'move_into', 'note'] } },
  { key: 'students', name: 'Student Services', comment: 'Examination office and enrolment', grants: { 'student-services': ['rw'], 'first-level': ['ro', 'move_into', 'note'] } },
  { key: 'privacy', name: 'Data Protection', comment: 'Data protection officer', grants: { 'data-protection': ['rw'], 'first-level': ['ro', 'move_into', 'note'] } },
];

export interface DemoAgent {
  login: string;
  firstName: string;
  lastName: string;
  role: DemoRoleKey;
  language: 'de' | 'en';
}

export const DEMO_AGENTS: DemoAgent[] = [
  { login: 'lena.hoffmann', firstName: 'Lena', lastName: 'Hoffmann', role: 'first', language: 'de' },
  { login: 'jonas.becker', firstName: 'Jonas', lastName: 'Becker', role: 'first', language: 'de' },
  { login: 'mehmet.yilmaz', firstName: 'Mehmet', lastName: 'Yılmaz', role: 'first', language: 'de' },
  { login: 'sophie.wagner', firstName: 'Sophie', lastName: 'Wagner', role: 'first', language: 'en' },
  { login: 'thomas.richter', firstName: 'Thomas', lastName: 'Richter', role: 'second', language: 'de' },
  { login: 'katrin.schulz', firstName: 'Katrin', lastName: 'Schulz', role: 'second', language: 'de' },
  { login: 'felix.neumann', firstName: 'Felix', lastName: 'Neumann', role: 'second', language: 'de' },
  { login: 'birgit.lorenz', firstName: 'Birgit', lastName: 'Lorenz', role: 'students', language: 'de' },
  { login: 'ulrike.franke', firstName: 'Ulrike', lastName: 'Franke', role: 'privacy', language: 'de' },
];

/** Customer companies; `subdomains` assigns staff senders by their mail domain. */
export const DEMO_COMPANIES: { customerId: string; name: string; subdomains: string[]; city?: string }[] = [
  { customerId: 'STUD', name: 'Studierende', subdomains: ['student'] },
  { customerId: 'ZUV', name: 'Zentrale Universitätsverwaltung', subdomains: ['', 'personal', 'studservice'] },
  { customerId: 'FB-MNF', name: 'Mathematisch-Naturwissenschaftliche Fakultät', subdomains: ['chemie', 'physik', 'mathematik', 'biologie', 'geo', 'informatik'] },
  { customerId: 'FB-PHIL', name: 'Philosophische Fakultät', subdomains: ['angl', 'geschichte', 'romanistik', 'pb-philfak'] },
  { customerId: 'FB-RSW', name: 'Rechts-, Sozial- und Wirtschaftswissenschaftliche Fakultät', subdomains: ['rewi', 'sowi', 'wiwi'] },
  { customerId: 'FB-HUM', name: 'Humanwissenschaftliche Fakultät', subdomains: ['psychologie', 'ewi'] },
  { customerId: 'UB', name: 'Universitätsbibliothek', subdomains: ['ub'] },
];

export const DEMO_DOMAIN = 'uni-spree.de';
/** How many senders of the cases become registered customer users. */
export const DEMO_CUSTOMER_USER_COUNT = 60;
