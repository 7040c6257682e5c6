import { existsSync } from 'node:fs';
import { ingestRawMail } from '../core/mail-intake/mail-intake.service.ts';
import { CliError, optionalString, withSystem, type CliCommand } from './cli-support.ts';
import { readMailSource } from './mail-source-reader.ts';

/** Exit status that tells Postfix, procmail or fetchmail to keep the message and retry (EX_TEMPFAIL). */
export const EXIT_TEMPFAIL = 75;

/** `mail:import FILE|DIR|-`: feed raw mail into intake, as a .forward or Postfix pipe does in OTRS. */
export const mailImportCommand: CliCommand = {
  name: 'mail:import',
  summary: 'import raw mail: an .eml file, an mbox, a Maildir or folder, or - for standard input',
  usage: [
    'ticketwerk mail:import FILE|DIR|- [--queue ID] [--trusted]',
    '',
    '  FILE          an .eml file or an mbox file',
    '  DIR           a Maildir (cur/ and new/) or a folder of .eml files',
    '  -             one message from standard input (Postfix pipe, procmail, .forward)',
    '  --queue ID    queue for new tickets when no filter decides (default: by address, else Raw)',
    '  --trusted     honour X-Ticketwerk-*/X-OTRS-* headers in these messages',
    '',
    'Each message is stored before it is processed. If storing fails the command exits with 75',
    '(temporary failure) so a mail server keeps the message and tries again.',
  ].join('\n'),
  options: { queue: { type: 'string' }, trusted: { type: 'boolean' } },
  positionals: { name: 'FILE|DIR|-', required: true },
  async run(values, env, positionals = []) {
    const target = positionals[0];
    if (!target) throw new CliError('Name a file, a folder, or - for standard input.');
    if (target !== '-' && !existsSync(target)) throw new CliError(`${target} does not exist.`);
    const queueText = optionalString(values, 'queue');
    const queueId = queueText === undefined ? null : Number(queueText);
    if (queueId !== null && (!Number.isInteger(queueId) || queueId <= 0)) throw new CliError(`Option --queue must be a queue id, not "${queueText}".`);
    await withSystem(env, async ({ ctx }) => {
      let count = 0;
      for await (const message of readMailSource(target)) {
        count++;
        try {
          const result = await ingestRawMail(ctx, { raw: message.raw, source: 'import', queueId, trusted: values.trusted === true });
          const tn = result.ticketId ? (await ctx.db.selectFrom('ticket').select('tn').where('id', '=', result.ticketId).executeTakeFirst())?.tn : undefined;
          env.print(`${message.origin}: ${result.status}${tn ? `, ticket ${tn}${result.isFollowUp ? ' (follow-up)' : ''}` : ''}`);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw Object.assign(new CliError(`${message.origin}: could not be stored (${reason}); nothing was lost, try again.`), { exitCode: EXIT_TEMPFAIL });
        }
      }
      if (count === 0) env.print('No messages found.');
    });
  },
};
