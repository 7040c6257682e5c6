import fs from 'node:fs/promises';
import path from 'node:path';

/** One message read from a file, folder or stream, with where it came from. */
export interface SourceMessage {
  raw: Buffer;
  origin: string;
}

/**
 * Reads messages from what an admin points the importer at: a single .eml file, an mbox
 * file (several messages separated by "From " lines), a Maildir (cur/ and new/), a folder
 * of .eml files, or "-" for standard input (one message, as a .forward or procmail pipe
 * delivers it).
 */
export async function* readMailSource(target: string, stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<SourceMessage> {
  if (target === '-') {
    yield { raw: await readStream(stdin), origin: 'stdin' };
    return;
  }
  const stat = await fs.stat(target);
  if (stat.isDirectory()) {
    const isMaildir = (await exists(path.join(target, 'cur'))) || (await exists(path.join(target, 'new')));
    const folders = isMaildir ? [path.join(target, 'new'), path.join(target, 'cur')] : [target];
    for (const folder of folders) {
      if (!(await exists(folder))) continue;
      const names = (await fs.readdir(folder)).filter((n) => !n.startsWith('.')).sort();
      for (const name of names) {
        const file = path.join(folder, name);
        if ((await fs.stat(file)).isFile()) yield* readMailFile(file);
      }
    }
    return;
  }
  yield* readMailFile(target);
}

async function* readMailFile(file: string): AsyncGenerator<SourceMessage> {
  const content = await fs.readFile(file);
  if (isMbox(content)) {
    let n = 0;
    for (const raw of splitMbox(content)) yield { raw, origin: `${file}#${++n}` };
  } else {
    yield { raw: content, origin: file };
  }
}

/** An mbox starts with a "From " envelope line; a single message starts with a header. */
export function isMbox(content: Buffer): boolean {
  return content.subarray(0, 5).toString('latin1') === 'From ';
}

/**
 * Splits an mbox (mboxrd/mboxo) into messages: a line "From " after an empty line starts
 * the next message; ">From " lines are unescaped by one level.
 */
export function splitMbox(content: Buffer): Buffer[] {
  const text = content.toString('latin1');
  const messages: Buffer[] = [];
  const parts = text.split(/\r?\n(?=From [^\r\n]*\r?\n)/);
  for (const part of parts) {
    const withoutEnvelope = part.replace(/^From [^\r\n]*\r?\n/, '');
    const unescaped = withoutEnvelope.replace(/^>(>*From )/gm, '$1');
    if (unescaped.trim()) messages.push(Buffer.from(unescaped, 'latin1'));
  }
  return messages;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
