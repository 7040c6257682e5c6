import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareContactForm, submitContactForm, type ContactFormResult } from '../../../core/contact-form/contact-form.service.ts';
import type { AppDeps } from '../../app.ts';
import { contactUrl, problemText, renderContactForm, renderThankYou, type FormState, type PageOptions } from './contact-page.ts';
import { contactQuerySchema, MULTIPART_LIMITS, readContactBody, type ContactRequestBody } from './contact-request.ts';
import { CONTACT_TEXTS, pickLanguage } from './contact-texts.ts';

const ASSETS = path.join(import.meta.dirname, 'assets');
const ASSET_TYPES = { 'contact.js': 'text/javascript; charset=utf-8', 'contact.css': 'text/css; charset=utf-8' } as const;

/**
 * The page may load only its own stylesheet and script and post only to itself; unlike the
 * agent app (frame-ancestors 'none'), university pages configured in
 * CONTACT_FORM_FRAME_ANCESTORS may show it in an iframe.
 */
function contactCsp(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors.trim()}`,
  ].join('; ');
}

/** Whether the caller (the page's script) wants JSON rather than a page. */
const wantsJson = (request: FastifyRequest) => /application\/json/i.test(request.headers.accept ?? '');

function pageOptions(request: FastifyRequest): PageOptions {
  const query = contactQuerySchema.parse(request.query ?? {});
  return { language: pickLanguage(query.lang, request.headers['accept-language']), embed: query.embed !== undefined };
}

/**
 * GET /contact and POST /contact: the public contact form for university web pages, without
 * login, as a plain HTML form that works without JavaScript (a small script submits it in
 * place when JavaScript runs). GET /contact/assets/*: its script and stylesheet.
 */
export async function registerContactForm(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const csp = contactCsp(deps.config.CONTACT_FORM_FRAME_ANCESTORS);
  const limits = { minSeconds: deps.config.CONTACT_FORM_MIN_SECONDS, ipPerHour: deps.config.CONTACT_FORM_IP_LIMIT, emailPerHour: deps.config.CONTACT_FORM_EMAIL_LIMIT };
  const assets = Object.fromEntries(Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(path.join(ASSETS, name))]));

  // Registered in their own scope, so urlencoded and multipart bodies are accepted here only, never by the API.
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 1024 * 1024 });
    await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: false });

    const page = (reply: FastifyReply, status: number, html: string) =>
      reply.status(status).type('text/html; charset=utf-8').header('content-security-policy', csp).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(html);

    scope.get('/contact', { schema: { hide: true } }, async (request, reply) => {
      const options = pageOptions(request);
      const { topics, formToken } = await prepareContactForm(deps.ctx);
      return page(reply, 200, renderContactForm(options, { topics, formToken, values: {}, errors: [] }));
    });

    scope.get('/contact/assets/:name', { schema: { hide: true } }, async (request, reply) => {
      const name = (request.params as { name: string }).name as keyof typeof ASSET_TYPES;
      const body = assets[name];
      if (!body) return reply.callNotFound();
      return reply.type(ASSET_TYPES[name]).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(body);
    });

    scope.post('/contact', { schema: { hide: true } }, async (request, reply) => {
      const options = pageOptions(request);
      const body = await readContactBody(request);
      const result = await submitContactForm(
        deps.ctx,
        {
          fields: body.fields,
          honeypot: body.fields.website,
          formToken: body.fields.formToken,
          attachments: body.attachments,
          attachmentProblem: body.fileProblem === 'too_many_files' || body.fileProblem === 'file_too_large' ? body.fileProblem : undefined,
          clientAddress: request.ip,
          language: options.language,
        },
        limits,
      );
      if (wantsJson(request)) return answerJson(reply, options, result);
      if (result.kind === 'created') {
        // 303 would lose the number in a plain POST; the thank-you page is the answer itself.
        return page(reply, 201, renderThankYou(options, result.ticketNumber));
      }
      const { topics, formToken } = await prepareContactForm(deps.ctx);
      const state: FormState = { topics, formToken, values: keptValues(body), errors: result.kind === 'invalid' ? result.errors : [], notice: noticeFor(options, result) };
      return page(reply, result.kind === 'rate_limited' ? 429 : 400, renderContactForm(options, state));
    });
  });
}

/** The entries a refused form shows again (never the files: browsers cannot prefill them). */
function keptValues(body: ContactRequestBody): FormState['values'] {
  const { name, email, topic, subject, message } = body.fields;
  return { name, email, topic, subject, message };
}

/** The sentence for a refusal of the whole submission, or undefined for field errors. */
function noticeFor(options: PageOptions, result: Exclude<ContactFormResult, { kind: 'created' }>): string | undefined {
  const t = CONTACT_TEXTS[options.language];
  if (result.kind === 'too_fast') return t.tooFast;
  if (result.kind === 'form_expired') return t.expired;
  if (result.kind === 'spam') return t.refused;
  if (result.kind === 'rate_limited') return result.by === 'ip' ? t.rateLimitedIp : t.rateLimitedEmail;
  return undefined;
}

const CODES = { too_fast: 'FORM_TOO_FAST', form_expired: 'FORM_EXPIRED', spam: 'SUBMISSION_REFUSED', rate_limited: 'RATE_LIMITED' } as const;

/** The answer for the page's script: the one error shape, with every field error listed. */
function answerJson(reply: FastifyReply, options: PageOptions, result: ContactFormResult) {
  const t = CONTACT_TEXTS[options.language];
  reply.header('cache-control', 'no-store');
  if (result.kind === 'created') {
    return reply.status(201).send({ ticketNumber: result.ticketNumber, title: t.thanksTitle, message: t.thanks(result.ticketNumber), againUrl: contactUrl(options), again: t.another });
  }
  if (result.kind === 'invalid') {
    const fields = result.errors.map((e) => ({ field: e.field, message: problemText(t, e) }));
    const first = fields[0];
    return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: first ? `${first.field}: ${first.message}` : t.errorSummary, field: first?.field, fields } });
  }
  if (result.kind === 'rate_limited') reply.header('retry-after', '3600');
  return reply.status(result.kind === 'rate_limited' ? 429 : 400).send({ error: { code: CODES[result.kind], message: noticeFor(options, result) } });
}
