import net from 'node:net';
import tls from 'node:tls';
import { parseStat, parseStatusLine, parseUidlListing, Pop3Reader, type Pop3Status } from './pop3-protocol.ts';

/** A POP3 answer the server refused, with the command and RFC 2449 code for classification. */
export class Pop3Error extends Error {
  constructor(
    readonly command: string,
    readonly status: Pop3Status,
  ) {
    super(`${command}: -ERR ${status.code ? `[${status.code}] ` : ''}${status.text}`);
    this.name = 'Pop3Error';
  }
}

/** Where and how to connect. */
export interface Pop3ConnectOptions {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  /** Milliseconds for connecting and for each answer. */
  timeoutMs: number;
}

/** A small POP3 client (RFC 1939 + STLS of RFC 2595): just what fetching needs. */
export class Pop3Client {
  private reader = new Pop3Reader();
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private socket: net.Socket,
    private readonly options: Pop3ConnectOptions,
  ) {
    this.attach(socket);
  }

  /** Connects, reads the greeting and, for starttls, upgrades the connection. */
  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    const socket = options.security === 'tls' ? tls.connect({ host: options.host, port: options.port, servername: serverName(options.host) }) : net.connect({ host: options.host, port: options.port });
    const client = new Pop3Client(socket, options);
    await client.status('greeting');
    if (options.security === 'starttls') await client.startTls();
    return client;
  }

  /** USER/PASS login. */
  async login(user: string, password: string): Promise<void> {
    await this.command('USER', `USER ${user}`);
    await this.command('PASS', `PASS ${password}`);
  }

  /** Number of messages and their total size. */
  async stat(): Promise<{ count: number; size: number }> {
    return parseStat((await this.command('STAT', 'STAT')).text);
  }

  /** Message numbers with their unique ids. */
  async uidl(): Promise<{ number: number; uid: string }[]> {
    await this.command('UIDL', 'UIDL');
    return parseUidlListing(await this.next(() => this.reader.readMultiline()));
  }

  /** The full message, exactly as stored on the server. */
  async retr(messageNumber: number): Promise<Buffer> {
    await this.command('RETR', `RETR ${messageNumber}`);
    return this.next(() => this.reader.readMultiline());
  }

  /** Marks a message deleted; the server removes it when QUIT ends the session. */
  async dele(messageNumber: number): Promise<void> {
    await this.command('DELE', `DELE ${messageNumber}`);
  }

  /** Ends the session; only now does the server remove the messages marked deleted. */
  async quit(): Promise<void> {
    await this.command('QUIT', 'QUIT');
    this.socket.end();
  }

  /** Drops the connection without QUIT: messages marked deleted stay on the server. */
  close(): void {
    this.socket.destroy();
  }

  private async startTls(): Promise<void> {
    await this.command('STLS', 'STLS');
    // Bytes sent before the TLS handshake would be an injection attempt.
    if (this.reader.pending > 0) throw Object.assign(new Error('The server sent data before the TLS handshake'), { code: 'ERR_TLS_STARTTLS_INJECTION' });
    const plain = this.socket;
    plain.removeAllListeners('data');
    this.socket = tls.connect({ socket: plain, servername: serverName(this.options.host) });
    this.attach(this.socket);
    await new Promise<void>((resolve, reject) => {
      this.socket.once('secureConnect', resolve);
      this.socket.once('error', reject);
    });
  }

  private attach(socket: net.Socket): void {
    socket.setTimeout(this.options.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      this.wake?.();
    });
    socket.on('timeout', () => this.fail(Object.assign(new Error('The POP3 server did not answer in time'), { code: 'ETIMEDOUT' })));
    socket.on('error', (error: Error) => this.fail(error));
    socket.on('close', () => this.fail(Object.assign(new Error('The POP3 server closed the connection'), { code: 'ECONNRESET' })));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.socket.destroy();
    this.wake?.();
  }

  private async command(name: string, line: string): Promise<Pop3Status> {
    if (this.failure) throw this.failure;
    this.socket.write(`${line}\r\n`);
    return this.status(name);
  }

  private async status(name: string): Promise<Pop3Status> {
    const status = parseStatusLine(await this.next(() => this.reader.readLine()));
    if (!status.ok) throw new Pop3Error(name, status);
    return status;
  }

  /** Waits until `take` finds a complete answer in what has arrived. */
  private async next<T>(take: () => T | null): Promise<T> {
    for (;;) {
      const value = take();
      if (value !== null) return value;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

function serverName(host: string): string | undefined {
  // SNI must not carry an IP address.
  return net.isIP(host) ? undefined : host;
}
