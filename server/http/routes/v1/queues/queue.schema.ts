import { z } from 'zod';
import { FOLLOW_UP_OPTIONS } from '../../../../../shared/domain.ts';

const id = z.number().int().positive();
const minutes = z.number().int().min(0).max(10_000_000).describe('Minutes; 0 = none');
const percent = z.number().int().min(0).max(100).describe('Percent of the time after which to warn');

/** A queue with its settings. */
export const queueSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    fullName: z.string().describe('Path in the queue tree, e.g. "Service Desk::1st Level"'),
    parentId: z.number().int().nullable(),
    groupId: z.number().int().describe('Agents need permissions on this group to work the queue'),
    systemAddressId: z.number().int().nullable(),
    salutationId: z.number().int().nullable(),
    signatureId: z.number().int().nullable(),
    unlockTimeout: z.number().int().describe('Minutes after which an idle lock is released; 0 = never'),
    firstResponseTime: z.number().int(),
    firstResponseNotify: z.number().int(),
    updateTime: z.number().int(),
    updateNotify: z.number().int(),
    solutionTime: z.number().int(),
    solutionNotify: z.number().int(),
    calendarName: z.string().nullable(),
    followUpOption: z.enum(FOLLOW_UP_OPTIONS).describe('What a reply to a closed ticket does'),
    isFollowUpLock: z.boolean(),
    comment: z.string().nullable(),
    isValid: z.boolean(),
    escalationQueueId: z.number().int().nullable().describe('Where "escalate to 2nd level" sends tickets of this queue'),
  })
  .meta({ id: 'Queue' });

/** Body of POST /queues; PATCH takes any subset. */
export const queueBodySchema = z.object({
  name: z.string().min(1).max(200).describe('One level; must not contain "::"'),
  parentId: id.nullable().optional(),
  groupId: id,
  systemAddressId: id.nullable().optional(),
  salutationId: id.nullable().optional(),
  signatureId: id.nullable().optional(),
  unlockTimeout: minutes.optional(),
  firstResponseTime: minutes.optional(),
  firstResponseNotify: percent.optional(),
  updateTime: minutes.optional(),
  updateNotify: percent.optional(),
  solutionTime: minutes.optional(),
  solutionNotify: percent.optional(),
  calendarName: z.string().max(100).nullable().optional(),
  followUpOption: z.enum(FOLLOW_UP_OPTIONS).optional(),
  isFollowUpLock: z.boolean().optional(),
  comment: z.string().max(250).nullable().optional(),
  isValid: z.boolean().optional(),
  escalationQueueId: id.nullable().optional().describe('The queue "escalate" moves tickets to; must exist'),
});
