import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './free-port.ts';

const MAILBOXES = 60;
const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((file) => fs.existsSync(file));

/** A real Dovecot on loopback with its own configuration, users and Maildirs in a temp folder. */
export interface DovecotServer {
  imapPort: number;
  pop3Port: number;
  dir: string;
  /** A mailbox user of its own for one test (from the users made at start). */
  newMailbox(): { login: string; password: string };
  /** Delivers a message into a user's folder by IMAP APPEND, byte for byte. */
  deliver(login: string, password: string, raw: Buffer, folder?: string): Promise<void>;
  /** Logs in over IMAP for a look at the mailbox. */
  open(login: string, password: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

/**
 * Starts `dovecot -F` with a configuration of its own (IMAP and POP3 on free loopback ports,
 * plain text logins allowed, passwd-file users, Maildir) and waits until it greets. Fails
 * loudly when Dovecot is not installed: these tests must never be skipped silently.
 */
export async function startDovecot(): Promise<DovecotServer> {
  if (!DOVECOT) {
    throw new Error('Dovecot is not installed. The mail account tests need a real IMAP/POP3 server: apt-get install -y dovecot-imapd dovecot-pop3d');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-dovecot-'));
  // Dovecot's auth and login processes run as other users and must read the folder.
  fs.chmodSync(dir, 0o755);
  const mailOwner = mailUser();
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  fs.chownSync(path.join(dir, 'mail'), mailOwner.uid, mailOwner.gid);
  // All users up front: Dovecot looks at its passwd-file at most once a second, so a user
  // added during the tests might not be known yet at the login that follows. nopenalty: the
  // wrong-password tests must not slow down every later login from 127.0.0.1.
  const users = Array.from({ length: MAILBOXES }, (_, i) => `desk${i + 1}:{PLAIN}secret-${i + 1}:${mailOwner.uid}:${mailOwner.gid}::${path.join(dir, 'mail', `desk${i + 1}`)}::nopenalty\n`);
  fs.writeFileSync(path.join(dir, 'passwd'), users.join(''), { mode: 0o644 });
  const [imapPort, pop3Port] = [await freePort(), await freePort()];
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), dovecotConfig(dir, imapPort, pop3Port, mailOwner));
  const child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await Promise.all([waitForGreeting(imapPort, child, () => output), waitForGreeting(pop3Port, child, () => output)]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  let used = 0;
  const server: DovecotServer = {
    imapPort,
    pop3Port,
    dir,
    newMailbox() {
      used += 1;
      if (used > MAILBOXES) throw new Error(`startDovecot makes ${MAILBOXES} mailboxes; raise MAILBOXES`);
      return { login: `desk${used}`, password: `secret-${used}` };
    },
    async deliver(login, password, raw, folder = 'INBOX') {
      const client = await server.open(login, password);
      try {
        await client.mailboxCreate(folder).catch(() => undefined);
        await client.append(folder, raw);
      } finally {
        await client.logout();
      }
    },
    async open(login, password) {
      const client = new ImapFlow({ host: '127.0.0.1', port: imapPort, secure: false, doSTARTTLS: false, auth: { user: login, pass: password }, logger: false });
      client.on('error', () => {});
      await client.connect();
      return client;
    },
    stop: () => stopProcess(child, dir),
  };
  return server;
}

/** Who owns the Maildirs: Dovecot refuses root, so as root the mail runs as the dovecot user. */
function mailUser(): { uid: number; gid: number; name: string } {
  const me = os.userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid, name: me.username };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'dovecot'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g'), name: 'dovecot' };
}

function dovecotConfig(dir: string, imapPort: number, pop3Port: number, owner: { name: string }): string {
  const root = os.userInfo().uid === 0;
  return `# Written by test/support/dovecot.ts for one test file; removed when it stops.
protocols = imap pop3
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = ticketwerk-test-${imapPort}
log_path = ${dir}/dovecot.log
ssl = no
# Dovecot 2.3 name; 2.4 calls it auth_allow_cleartext. Loopback only.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${root ? 'dovecot' : owner.name}
default_login_user = ${root ? 'dovenull' : owner.name}
mail_location = maildir:~/Maildir
# System users such as dovecot (uid 102 on Debian) own the test Maildirs when run as root.
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${pop3Port}
  }
  inet_listener pop3s {
    port = 0
  }
}
protocol pop3 {
  pop3_uidl_format = %08Xu%08Xv
}
`;
}

async function waitForGreeting(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Dovecot exited (${child.exitCode}): ${output()}`);
    if (await greets(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Dovecot did not answer on port ${port} within 15 s: ${output()}`);
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('data', (d: Buffer) => {
      socket.destroy();
      resolve(/^(\* OK|\+OK)/.test(d.toString()));
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopProcess(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

