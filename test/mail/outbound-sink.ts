import { simpleParser, type ParsedMail } from 'mailparser';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the sink accepted. */
export interface SinkMessage {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

/** How the sink answers: accept, 451 (try later) or 550 (never) at RCPT TO. */
export type SinkMode = 'accept' | 'tempfail' | 'permfail';

/** A real SMTP server on loopback that records what it receives. */
export interface SmtpSink {
  port: number;
  url: string;
  messages: SinkMessage[];
  mode: SinkMode;
  close(): Promise<void>;
}

/** A port nothing listens on (yet). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts a sink that requires AUTH with tw/secret (port 0 = any free port). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, url: '', messages: [], mode: 'accept', close: async () => {} };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'tw' && auth.password === 'secret') return callback(null, { user: 'tw' });
      return callback(new Error('535 Authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      if (sink.mode === 'accept') return callback();
      const error = Object.assign(new Error(sink.mode === 'tempfail' ? 'Mailbox busy, try again later' : `No such user: ${address.address}`), {
        responseCode: sink.mode === 'tempfail' ? 451 : 550,
      });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          sink.messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          });
          callback(null, 'Ok: queued as TEST');
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  sink.port = typeof address === 'object' && address ? address.port : port;
  sink.url = `smtp://tw:secret@127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
