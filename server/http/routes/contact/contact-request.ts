import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalid } from '../../../core/errors.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type ContactAttachment, type FieldProblem } from '../../../core/contact-form/contact-form-input.ts';

/** Query of every contact route: the language and whether the page sits in an iframe. Bad values fall back instead of failing a page. */
export const contactQuerySchema = z.object({
  lang: z.enum(['de', 'en']).optional().catch(undefined),
  embed: z.enum(['1', 'true']).optional().catch(undefined),
});

const text = z.string().max(200_000).optional();

/** The form's text fields as browsers send them; each field's own limits are checked in core. */
export const contactFieldsSchema = z
  .object({ name: text, email: text, topic: text, subject: text, message: text, website: text, formToken: text })
  .catchall(z.unknown());

/** Limits for the multipart parser: one file over the allowed count is read so the form can name the limit. */
export const MULTIPART_LIMITS = { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS + 1, fields: 20, fieldSize: 200_000, parts: 30 };

/** What a POST carried: the text fields, the files, and a problem the parser already found with the files. */
export interface ContactRequestBody {
  fields: z.infer<typeof contactFieldsSchema>;
  attachments: ContactAttachment[];
  fileProblem?: FieldProblem;
}

/** Form fields as text: a repeated field counts once, anything that is not text is dropped. 400 naming the field when one is far too long. */
function parseFields(raw: unknown): ContactRequestBody['fields'] {
  const entries = Object.entries(raw && typeof raw === 'object' ? raw : {})
    .map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const)
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string');
  const parsed = contactFieldsSchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) throw invalid(String(parsed.error.issues[0]?.path[0] ?? 'body'), 'is too long');
  return parsed.data;
}

/** Reads a multipart or urlencoded contact form POST. */
export async function readContactBody(request: FastifyRequest): Promise<ContactRequestBody> {
  if (!request.isMultipart()) return { fields: parseFields(request.body), attachments: [] };
  const raw: Record<string, string> = {};
  const attachments: ContactAttachment[] = [];
  let fileProblem: FieldProblem | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') raw[part.fieldname] = part.value;
        continue;
      }
      const content = await part.toBuffer();
      // Browsers send an empty part for a file input nobody used.
      if (!part.filename && content.length === 0) continue;
      if (part.file.truncated) fileProblem = 'file_too_large';
      else attachments.push({ filename: part.filename, contentType: part.mimetype, content });
    }
  } catch (error) {
    // One file more than the parser reads: the rest of the request is not parsed.
    if ((error as { code?: string }).code !== 'FST_FILES_LIMIT') throw error;
    fileProblem = 'too_many_files';
  }
  return { fields: parseFields(raw), attachments, fileProblem };
}
