/**
 * The POP3 wire format (RFC 1939, response codes of RFC 2449/3206), without sockets: status
 * lines, multi-line answers with their dot-stuffing, STAT and UIDL listings. Works on bytes,
 * so a message comes out exactly as the server stored it.
 */

const CRLF = Buffer.from('\r\n');
const TERMINATOR = Buffer.from('\r\n.\r\n');

/** A parsed +OK / -ERR line. */
export interface Pop3Status {
  ok: boolean;
  /** The text after +OK/-ERR, without a leading response code. */
  text: string;
  /** RFC 2449 extended response code such as AUTH, IN-USE, SYS/TEMP, or null. */
  code: string | null;
}

/** Parses a status line ("+OK 2 320", "-ERR [AUTH] Authentication failed."). */
export function parseStatusLine(line: string): Pop3Status {
  const match = /^([+-])(OK|ERR)\b ?(.*)$/i.exec(line.trim());
  if (!match) throw Object.assign(new Error(`Not a POP3 answer: ${line.slice(0, 100)}`), { code: 'EPROTOCOL' });
  const rest = match[3] ?? '';
  const coded = /^\[([^\]]+)\]\s*(.*)$/.exec(rest);
  return { ok: match[1] === '+', text: coded ? (coded[2] ?? '') : rest, code: coded ? (coded[1] ?? '').toUpperCase() : null };
}

/** Parses the STAT answer "count size". */
export function parseStat(text: string): { count: number; size: number } {
  const match = /^(\d+)\s+(\d+)/.exec(text.trim());
  if (!match) throw Object.assign(new Error(`Unreadable STAT answer: ${text.slice(0, 100)}`), { code: 'EPROTOCOL' });
  return { count: Number(match[1]), size: Number(match[2]) };
}

/** Parses a UIDL listing ("1 whqtswO00WBw418f9t5JxYwZ" per line) into message number → unique id. */
export function parseUidlListing(body: Buffer): { number: number; uid: string }[] {
  return body
    .toString('latin1')
    .split('\r\n')
    .map((line) => /^(\d+)\s+(\S+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ number: Number(m[1]), uid: m[2] ?? '' }));
}

/**
 * Removes POP3 dot-stuffing from a multi-line body (without its terminating "."): each line
 * the server started with an extra "." gets it back off. Line ends stay CRLF.
 */
export function unstuffDots(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  while (start < body.length) {
    const end = body.indexOf(CRLF, start);
    const lineEnd = end === -1 ? body.length : end + 2;
    const from = body[start] === 0x2e ? start + 1 : start;
    parts.push(body.subarray(from, lineEnd));
    start = lineEnd;
  }
  return Buffer.concat(parts);
}

/**
 * Collects bytes from the server and hands out complete answers: a status line, or the body
 * of a multi-line answer once its terminating "." line has arrived.
 */
export class Pop3Reader {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes as they arrive. */
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next line without CRLF, or null while it is incomplete. */
  readLine(): string | null {
    const end = this.buffer.indexOf(CRLF);
    if (end === -1) return null;
    const line = this.buffer.subarray(0, end).toString('utf8');
    this.buffer = this.buffer.subarray(end + 2);
    return line;
  }

  /** The unstuffed body of a multi-line answer (after its status line), or null while incomplete. */
  readMultiline(): Buffer | null {
    // An empty body is just the terminator line.
    if (this.buffer.subarray(0, 3).equals(Buffer.from('.\r\n'))) {
      this.buffer = this.buffer.subarray(3);
      return Buffer.alloc(0);
    }
    const end = this.buffer.indexOf(TERMINATOR);
    if (end === -1) return null;
    const body = this.buffer.subarray(0, end + 2);
    this.buffer = this.buffer.subarray(end + TERMINATOR.length);
    return unstuffDots(body);
  }

  /** Bytes received but not yet handed out (for STLS: nothing may be pending). */
  get pending(): number {
    return this.buffer.length;
  }
}
