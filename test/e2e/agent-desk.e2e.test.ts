import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { eventually, expectAccessible, logIn } from './support/agent.ts';
import { openBrowser, type BrowserSession } from './support/browser.ts';
import { startDemoServer, type ServerProcess } from './support/server-process.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

/**
 * The day of a 1st-level agent on the demo desk, in real Chromium against the real server:
 * Sophie (1st level, English UI) works a ticket and escalates it; Thomas (2nd level, German UI)
 * watches his overview in a second browser and sees it arrive live; then the two collide on
 * the lock. Outgoing mail goes to a real SMTP relay on loopback.
 */
describe('agent web app: 1st level to 2nd level', () => {
  let server: ServerProcess;
  let sink: SmtpSink;
  let smtpPort: number;
  let sophie: BrowserSession;
  let thomas: BrowserSession;
  let sophiePage: Page;
  let thomasPage: Page;
  let ticket: { id: number; number: string; title: string; customerEmail: string; queueName: string };

  beforeAll(async () => {
    sink = await startSmtpSink();
    smtpPort = await freePort();
    server = await startDemoServer({ SMTP_URL: sink.url, SMTP_PORT: String(smtpPort) });
    sophie = await openBrowser({ locale: 'en-GB' });
    thomas = await openBrowser({ locale: 'de-DE' });
    sophiePage = await sophie.context.newPage();
    thomasPage = await thomas.context.newPage();
  }, 180_000);

  // A failed step leaves screenshots of both agents' screens to look at.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [name, page] of [['sophie', sophiePage], ['thomas', thomasPage]] as const) {
      const file = path.join(os.tmpdir(), `ticketwerk-e2e-${name}.png`);
      await page?.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.log(`Screenshot of ${name}'s browser: ${file}`);
    }
  });

  afterAll(async () => {
    await sophie?.close();
    await thomas?.close();
    await server?.stop();
    await sink?.close();
  });

  /** The JSON API as the browser's logged-in agent (same cookie). */
  async function apiGet(page: Page, path: string): Promise<any> {
    const response = await page.request.get(`${server.url}/api/v1${path}`);
    expect(response.status(), path).toBe(200);
    return response.json();
  }

  it('Sophie logs in and sees the overview counts of her queues', async () => {
    await logIn(sophiePage, server.url, 'sophie.wagner', server.demoPassword);
    await expect.poll(() => sophiePage.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    const overview = await apiGet(sophiePage, '/overview');
    const first = overview.queues.find((q: any) => q.name === '1st Level');
    expect(first.counts.total).toBeGreaterThan(0);
    const row = sophiePage.getByRole('row', { name: /1st Level/ }).first();
    await expect.poll(() => row.textContent()).toContain(String(first.counts.new));
    await expect.poll(() => row.textContent()).toContain(String(first.counts.open));
    await expectAccessible(sophiePage, 'the overview');
  });

  it('Thomas, 2nd level, logs in in a second browser and sees his overview in German', async () => {
    await logIn(thomasPage, server.url, 'thomas.richter', server.demoPassword);
    await expect.poll(() => thomasPage.getByRole('heading', { level: 1 }).textContent()).toBe('Gesamtüberblick');
  });

  it('Sophie opens the 1st Level queue and a ticket in it', async () => {
    const queues = await apiGet(sophiePage, '/queues');
    const firstLevel = queues.find((q: any) => q.name === '1st Level');
    const list = await apiGet(sophiePage, `/tickets?queueId=${firstLevel.id}&stateType=new&lock=unlock&sort=createdAt&order=desc&limit=5`);
    const candidate = list.items[0];
    const articles = await apiGet(sophiePage, `/tickets/${candidate.id}/articles`);
    const fromCustomer = articles.find((a: any) => a.senderType === 'customer');
    const customerEmail = /<([^>]+)>/.exec(fromCustomer.from)?.[1] ?? fromCustomer.from;
    ticket = { id: candidate.id, number: candidate.number, title: candidate.title, customerEmail: customerEmail.toLowerCase(), queueName: '1st Level' };

    await sophiePage.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Queue view' }).click();
    await sophiePage.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name: /1st Level/ }).first().click();
    await sophiePage.waitForURL(new RegExp(`/queues/${firstLevel.id}`));
    const link = sophiePage.getByRole('link', { name: ticket.number });
    await link.first().waitFor();
    await expectAccessible(sophiePage, 'the queue view');
    await link.first().click();
    await sophiePage.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await expect.poll(() => sophiePage.getByRole('heading', { level: 1 }).textContent()).toContain(ticket.title);
    await expectAccessible(sophiePage, 'the ticket zoom');
  });

  it('Sophie replies with a template: the mail leaves through the outbox with the ticket number, threading and the desk as sender', async () => {
    const articles = await apiGet(sophiePage, `/tickets/${ticket.id}/articles`);
    const customerArticle = [...articles].reverse().find((a: any) => a.senderType === 'customer');
    await sophiePage.getByRole('group', { name: 'Write' }).getByRole('button', { name: 'Reply', exact: true }).click();
    const dialog = sophiePage.getByRole('dialog');
    await dialog.waitFor();
    // Starting a reply locks the ticket for Sophie, as in OTRS.
    await eventually(async () => (await apiGet(sophiePage, `/tickets/${ticket.id}`)).lock === 'lock', 'the reply to lock the ticket');
    const templates = await apiGet(sophiePage, `/templates?queueId=${(await apiGet(sophiePage, `/tickets/${ticket.id}`)).queue.id}&type=answer`);
    expect(templates.length).toBeGreaterThan(0);
    await dialog.getByRole('textbox', { name: 'Template' }).click();
    await sophiePage.getByRole('option', { name: templates[0].name }).click();
    const confirm = sophiePage.getByRole('button', { name: 'Replace text' });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    const editor = dialog.getByRole('textbox', { name: 'Message' });
    const firstTemplateLine = String(templates[0].text).split('\n').find((line: string) => line.trim() && !line.includes('<'))?.trim() ?? '';
    await expect.poll(() => editor.textContent()).toContain(firstTemplateLine.slice(0, 30));
    await expectAccessible(sophiePage, 'the reply dialog');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.textContent()).toContain('The mail was saved to the ticket.');
    // The delivery state in the dialog changes while the relay takes the mail; a click that
    // met that re-render is repeated, as a person would. The dialog must then be gone.
    const close = dialog.getByRole('button', { name: 'Close' }).last();
    await close.click();
    if (!(await dialog.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false))) await close.click();
    await dialog.waitFor({ state: 'hidden' });

    const mail = await eventually(() => sink.mails.find((m) => m.parsed.subject?.includes(`[Ticket#${ticket.number}]`)), 'the reply at the SMTP relay', 40_000);
    expect(mail.parsed.subject).toMatch(/^Re: \[Ticket#\d+\]/);
    expect(mail.envelope.to.map((a) => a.toLowerCase())).toEqual([ticket.customerEmail]);
    expect(mail.parsed.from?.value[0]?.address).toBe('ticketwerk@localhost');
    if (customerArticle?.messageId) expect(mail.parsed.inReplyTo).toBe(customerArticle.messageId);
    expect(mail.parsed.text).toContain(firstTemplateLine.slice(0, 30));
    // The article shows its delivery state once the relay took it.
    await expect.poll(() => sophiePage.getByText(/^Sent|delivered/i).first().isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('Sophie adds an internal note about the phone call; it is marked internal', async () => {
    await sophiePage.getByRole('group', { name: 'Write' }).getByRole('button', { name: 'Note' }).click();
    const dialog = sophiePage.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Called the student back: the account is locked after too many attempts.');
    await dialog.getByRole('button', { name: 'Add note' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Newest first: the note is on top, marked internal, its text in the article's frame.
    const note = sophiePage.getByRole('article').first();
    await expect.poll(() => note.textContent()).toContain('Internal');
    await expect.poll(() => note.frameLocator('iframe').locator('body').textContent()).toContain('Called the student back');
  });

  it('Sophie escalates to the 2nd level account team; Thomas sees it arrive on his overview without reloading', async () => {
    const before = await apiGet(thomasPage, '/overview');
    const team = before.queues.find((q: any) => q.name === 'Password & Accounts');
    const thomasRow = thomasPage.getByRole('row', { name: /Password & Accounts/ }).first();
    await thomasRow.waitFor();
    const rowBefore = await thomasRow.textContent();

    await sophiePage.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button', { name: 'Escalate to 2nd level' }).click();
    const dialog = sophiePage.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Target queue' }).click();
    await sophiePage.getByRole('option', { name: /Password & Accounts/ }).click();
    await dialog.getByRole('textbox', { name: /Hand-over note/i }).fill('Account locked in IdM; please unlock, the student has an exam tomorrow.');
    await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
    await eventually(async () => String((await apiGet(sophiePage, `/tickets/${ticket.id}`)).queue.name).endsWith('Password & Accounts'), 'the ticket to move');
    const moved = await apiGet(sophiePage, `/tickets/${ticket.id}`);
    expect(moved.lock).toBe('unlock');
    const history = await apiGet(sophiePage, `/tickets/${ticket.id}/history`);
    expect(history.map((h: any) => h.type)).toEqual(expect.arrayContaining(['Move', 'Unlock', 'AddNote']));

    // Live: Thomas' page was not reloaded; the row of his team's queue changes by itself.
    await eventually(async () => (await thomasRow.textContent()) !== rowBefore, "Thomas' queue counts to update live", 15_000);
    const after = await apiGet(thomasPage, '/overview');
    expect(after.queues.find((q: any) => q.name === 'Password & Accounts').counts.total).toBe(team.counts.total + 1);
  });

  it('Thomas takes the ticket; Sophie, still on it, sees who holds it live, and taking it back is refused', async () => {
    await thomasPage.goto(`${server.url}/tickets/${ticket.id}`);
    await thomasPage.getByRole('toolbar', { name: 'Ticket-Aktionen' }).getByRole('button', { name: 'Sperren' }).click();
    await eventually(async () => (await apiGet(thomasPage, `/tickets/${ticket.id}`)).lock === 'lock', 'Thomas to hold the lock');
    expect((await apiGet(thomasPage, `/tickets/${ticket.id}`)).owner.login).toBe('thomas.richter');
    await expectAccessible(thomasPage, 'the German ticket zoom');

    // Sophie's zoom of the ticket was open all along and shows the lock without a reload.
    await expect.poll(() => sophiePage.getByText('Locked by Thomas Richter').first().isVisible(), { timeout: 15_000 }).toBe(true);
    const lockButton = sophiePage.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button', { name: /^(Lock|Unlock)$/ });
    await expect.poll(() => lockButton.isDisabled()).toBe(true);
    // A request made past the UI is refused by the server, with a reason a person can read.
    const current = await apiGet(sophiePage, `/tickets/${ticket.id}`);
    const csrf = (await apiGet(sophiePage, '/session')).csrfToken;
    const refused = await sophiePage.request.post(`${server.url}/api/v1/tickets/${ticket.id}/lock`, { headers: { 'x-csrf-token': csrf }, data: { version: current.version } });
    expect([403, 409]).toContain(refused.status());
    expect((await refused.json()).error.message.length).toBeGreaterThan(10);
    expect((await apiGet(sophiePage, `/tickets/${ticket.id}`)).owner.login).toBe('thomas.richter');
  });

  it('shows an HTML mail with a script payload without running it, remote images blocked until asked for', async () => {
    const remoteRequests: string[] = [];
    sophiePage.on('request', (request) => {
      if (request.url().includes('tracker.example')) remoteRequests.push(request.url());
    });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Mallory Kraus <mallory.kraus@student.uni-spree.de>',
      to: 'ticketwerk@localhost',
      subject: 'Moodle-Kurs nicht sichtbar (HTML)',
      text: 'Bitte ansehen',
      html:
        '<p id="greeting">Hallo Service Desk</p><script>parent.__pwned = 1; alert(1)</script>' +
        '<img src="x" onerror="parent.__pwned = 2"><a href="javascript:parent.__pwned=3">klick</a>' +
        '<img src="https://tracker.example/pixel.png" alt="tracker">',
    });
    const list = await eventually(async () => {
      const found = await apiGet(sophiePage, `/tickets?search=${encodeURIComponent('Moodle-Kurs nicht sichtbar')}`);
      return found.items[0];
    }, 'the HTML mail to become a ticket');
    let dialogs = 0;
    sophiePage.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await sophiePage.goto(`${server.url}/tickets/${list.id}`);
    const frame = sophiePage.locator('iframe').first();
    await frame.waitFor();
    const sandbox = await frame.getAttribute('sandbox');
    expect(sandbox).not.toBeNull();
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    await expect.poll(() => sophiePage.frameLocator('iframe').first().locator('body').textContent()).toContain('Hallo Service Desk');
    await sophiePage.getByRole('button', { name: 'Show images' }).first().waitFor();
    expect(remoteRequests).toEqual([]);
    expect(await sophiePage.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
  });
});
