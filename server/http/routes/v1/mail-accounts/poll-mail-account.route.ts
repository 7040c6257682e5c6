import { z } from 'zod';
import { markMailAccountDue } from '../../../../core/mail-accounts/mail-account-poll.service.ts';
import type { PollReport } from '../../../../core/mail-accounts/mail-account.types.ts';
import type { Actor } from '../../../../core/permissions/actor.ts';
import type { AppDeps } from '../../../app.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { pollReportSchema } from './mail-accounts.schema.ts';

/** The running mail account poller of this process, if it has one (the mail role). */
export interface MailAccountPollNow {
  pollNow(actor: Actor, accountId: number): Promise<PollReport>;
}

// HTTP may not import the mail channel; main.ts hands the poller in with the app's deps.
function pollerOf(deps: AppDeps): MailAccountPollNow | undefined {
  return deps.mailAccountPoller;
}

/**
 * POST /mail-accounts/:id/poll: polls now and answers what happened. A web process without a
 * poller makes the account due instead, and the mail process polls it at its next tick.
 */
export const pollMailAccountRoute: RouteModule = (api, deps) => {
  api.post(
    '/mail-accounts/:id/poll',
    {
      schema: {
        tags: ['mail-accounts'],
        summary: 'Poll a mail account now',
        params: idParams,
        response: { 200: pollReportSchema, 202: z.object({ queued: z.literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const poller = pollerOf(deps);
      if (poller) return reply.status(200).send(await poller.pollNow(actor, request.params.id));
      await markMailAccountDue(deps.ctx, actor, request.params.id);
      return reply.status(202).send({ queued: true });
    },
  );
};
