import os from 'node:os';
import path from 'node:path';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectAccessible } from './support/agent.ts';
import { openBrowser, type BrowserSession } from './support/browser.ts';
import { startDemoServer, type ServerProcess } from './support/server-process.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

type Doc = { document: { documentElement: { lang: string; scrollWidth: number } } };

/**
 * The customer portal in real Chromium against the real server with the demo desk: a student
 * signs in at /customer, opens a ticket with an attachment, reads the desk's answer (never its
 * internal note), replies and closes the ticket; the desk side is driven through the API (the
 * admin sets up, Sophie of the 1st level answers). Mails (password reset, registration) arrive at a real SMTP relay on loopback.
 */
describe('customer portal', () => {
  let server: ServerProcess;
  let sink: SmtpSink;
  let browser: BrowserSession;
  let page: Page;
  let admin: APIRequestContext;
  let sophie: APIRequestContext;
  const csrf = new Map<APIRequestContext, string>();
  const customer = { login: 'mia.schulz', email: 'mia.schulz@uni-spree.de', password: 'portal-password-1', firstName: 'Mia', lastName: 'Schulz' };
  let topic: { id: number; name: string };
  let topicQueueId: number;
  let ticket: { id: number; tn: string };
  const lang = () => page.evaluate(() => (globalThis as unknown as Doc).document.documentElement.lang);
  const heading = () => page.getByRole('heading', { level: 1 }).textContent();

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startDemoServer({ SMTP_URL: sink.url, PORTAL_SELF_REGISTRATION: 'true', PORTAL_REGISTRATION_DOMAINS: 'uni-spree.de', LOGIN_RATE_LIMIT: '5' });
    admin = await logInApi('admin', server.adminPassword);
    sophie = await logInApi('sophie.wagner', server.demoPassword);
    browser = await openBrowser({ locale: 'de-DE' });
    page = await browser.context.newPage();
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const file = path.join(os.tmpdir(), 'ticketwerk-e2e-customer.png');
    await page?.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.log(`Screenshot of the customer's browser: ${file}`);
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.dispose();
    await sophie?.dispose();
    await server?.stop();
    await sink?.close();
  });

  /** An agent's API session (cookie and CSRF token), as their browser would hold it. */
  async function logInApi(login: string, password: string): Promise<APIRequestContext> {
    const context = await request.newContext({ baseURL: server.url });
    const session = await context.post('/api/v1/session', { data: { login, password } });
    expect(session.status(), login).toBe(200);
    csrf.set(context, (await session.json()).csrfToken);
    return context;
  }

  /** The agent API as the admin (setup) or as Sophie (working the ticket). */
  async function agentCall(method: 'GET' | 'POST', url: string, data?: unknown, as: APIRequestContext = admin): Promise<any> {
    const response = await as.fetch(`/api/v1${url}`, { method, data, headers: { 'x-csrf-token': csrf.get(as)! } });
    expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300);
    return response.status() === 204 ? null : response.json();
  }

  /** The link a mail to address carries to the portal path, as a path on the test server. */
  async function mailedLink(address: string, portalPath: string): Promise<string> {
    const mail = await eventually(() => [...sink.mails].reverse().find((m) => m.envelope.to.includes(address) && (m.parsed.text ?? '').includes(portalPath)), `a mail with ${portalPath} to ${address}`, 30_000);
    const link = new RegExp(`https?://[^\\s"<>]+(${portalPath.replace('?', '\\?')}[^\\s"<>]+)`).exec(mail.parsed.text ?? '');
    expect(link, mail.parsed.text).not.toBeNull();
    return `${server.url}${link![1]}`;
  }

  it('an admin sets up a customer with a password and a topic released to customers', async () => {
    await agentCall('POST', '/customer-users', { ...customer, language: 'en' });
    // A topic of our own, filed into the 1st Level queue that Sophie (1st level) works.
    const queues = await agentCall('GET', '/queues');
    topicQueueId = queues.find((q: any) => q.name === '1st Level').id;
    const created = await agentCall('POST', '/portal-topics', {
      nameEn: 'Signing in to Moodle',
      nameDe: 'Anmeldung bei Moodle',
      descriptionEn: 'Moodle does not take your password',
      descriptionDe: 'Moodle nimmt Ihr Passwort nicht an',
      queueId: topicQueueId,
      position: 1,
      isOnPortal: true,
      isOnContactForm: false,
      isValid: true,
    });
    topic = { id: created.id, name: created.nameEn };
  });

  it('shows the sign-in in the browser language, refuses a wrong password in it, and says clearly when there were too many attempts', async () => {
    await page.goto(`${server.url}/customer`);
    await page.waitForURL(/\/customer\/sign-in$/);
    await expect.poll(heading).toBe('Anmelden');
    expect(await lang()).toBe('de');
    await expectAccessible(page, 'the sign-in page');

    await page.getByLabel(/^Benutzername oder E-Mail-Adresse/).fill(customer.email);
    await page.getByLabel(/^Passwort/).fill('wrong password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Benutzername, E-Mail-Adresse oder Passwort ist falsch.');

    // Password guessing is slowed per address: the sixth attempt in a row is answered 429.
    const guesser = 'nobody@uni-spree.de';
    for (let i = 0; i < 5; i++) await page.request.post(`${server.url}/api/v1/portal/session`, { data: { login: guesser, password: 'guess' } });
    await page.getByLabel(/^Benutzername oder E-Mail-Adresse/).fill(guesser);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Zu viele Versuche');
  });

  it('signs in by e-mail address and switches to the customer’s own language (English)', async () => {
    await page.getByLabel(/^Benutzername oder E-Mail-Adresse/).fill(customer.email);
    await page.getByLabel(/^Passwort/).fill(customer.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/customer');
    await expect.poll(heading).toBe('My tickets');
    expect(await lang()).toBe('en');
    await expect.poll(() => page.getByText('Mia Schulz').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('You have no open tickets.').isVisible()).toBe(true);
    await expectAccessible(page, 'the empty ticket list');
  });

  it('opens a ticket on a topic in plain words, with an attachment, and finds it in the list', async () => {
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await expect.poll(heading).toBe('New ticket');
    const radio = page.getByRole('radio', { name: topic.name });
    if ((await radio.count()) > 0) await radio.check();
    await page.getByLabel(/^Subject/).fill('Cannot sign in to Moodle');
    await page.getByLabel(/^Your message/).fill('Since this morning Moodle says my password is wrong. It works for e-mail.');
    await page.locator('input[type=file]').setInputFiles({ name: 'error-message.txt', mimeType: 'text/plain', buffer: Buffer.from('Invalid login, please try again') });
    await expect.poll(() => page.getByRole('list', { name: 'Attachments' }).textContent()).toContain('error-message.txt');
    await expectAccessible(page, 'the new ticket form');
    await page.getByRole('button', { name: 'Send ticket' }).click();
    await page.waitForURL(/\/customer\/tickets\/\d+$/);
    ticket = { id: Number(/tickets\/(\d+)$/.exec(page.url())![1]), tn: '' };
    await expect.poll(heading).toBe('Cannot sign in to Moodle');
    await expect.poll(() => page.getByRole('link', { name: 'error-message.txt' }).isVisible()).toBe(true);
    const href = await page.getByRole('link', { name: 'error-message.txt' }).getAttribute('href');
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(await download.text()).toBe('Invalid login, please try again');
    await expectAccessible(page, 'the ticket view');

    await page.getByRole('navigation', { name: 'Portal navigation' }).getByRole('link', { name: 'My tickets' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Cannot sign in to Moodle' });
    await expect.poll(() => row.textContent()).toMatch(/Received|In progress/);
    const fromAgent = await agentCall('GET', `/tickets/${ticket.id}`, undefined, sophie);
    ticket.tn = fromAgent.number;
    expect(await row.textContent()).toContain(ticket.tn);
    expect(fromAgent.customerUser.email).toBe(customer.email);
    expect(fromAgent.queue.id).toBe(topicQueueId);
  });

  it('shows the desk’s public answer but never its internal note', async () => {
    const publicAnswer = { channel: 'note', senderType: 'agent', isVisibleForCustomer: true, subject: 'Your Moodle login', bodyText: 'We reset your Moodle password link. Please try again with the link we sent.' };
    await agentCall('POST', `/tickets/${ticket.id}/articles`, { article: publicAnswer }, sophie);
    const internal = { channel: 'note', senderType: 'agent', isVisibleForCustomer: false, subject: 'Internal', bodyText: 'IdM shows the account as locked; do not tell the student yet.' };
    await agentCall('POST', `/tickets/${ticket.id}/articles`, { article: internal }, sophie);
    await page.goto(`${server.url}/customer/tickets/${ticket.id}`);
    const answer = page.getByRole('article').filter({ hasText: 'Answer from the help desk' });
    await expect.poll(() => answer.count()).toBe(1);
    await expect.poll(() => answer.textContent()).toContain('We reset your Moodle password link.');
    expect(await page.getByRole('main').textContent()).not.toContain('do not tell the student');
    const api = await (await page.request.get(`${server.url}/api/v1/portal/tickets/${ticket.id}`)).json();
    expect(JSON.stringify(api)).not.toContain('do not tell the student');
  });

  it('shows an image the desk put into its HTML answer in place', async () => {
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const withImage = {
      channel: 'note', senderType: 'agent', isVisibleForCustomer: true, subject: 'Where to click',
      bodyHtml: '<p>Click the button shown here:</p><img src="cid:step1@desk" alt="Step 1">',
      attachments: [{ filename: 'step1.png', contentType: 'image/png', contentBase64: pixel, isInline: true, contentId: '<step1@desk>' }],
    };
    await agentCall('POST', `/tickets/${ticket.id}/articles`, { article: withImage }, sophie);
    await page.goto(`${server.url}/customer/tickets/${ticket.id}`);
    // The sandboxed frame shows exactly its srcdoc: once the portal has fetched the image with
    // the customer's session, the document it hands the frame carries it as a data: URL. Reading
    // the attribute from the page avoids reaching into a frame that is being replaced.
    const frameDocument = () => page.locator('iframe').last().getAttribute('srcdoc');
    await expect.poll(frameDocument, { timeout: 20_000 }).toMatch(/<img (?=[^>]*alt="Step 1")(?=[^>]*src="data:image\/png;base64,)/);
  });

  it('the customer replies with an attachment; the agent sees the reply', async () => {
    await page.getByLabel('Your reply').fill('Thanks, it works again with the new password.');
    await page.locator('input[type=file]').setInputFiles({ name: 'proof.txt', mimeType: 'text/plain', buffer: Buffer.from('logged in at 10:02') });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.getByRole('article').last().textContent()).toContain('Thanks, it works again');
    const articles = await agentCall('GET', `/tickets/${ticket.id}/articles`, undefined, sophie);
    const reply = articles.find((a: any) => a.senderType === 'customer' && String(a.bodyText).includes('Thanks, it works again'));
    expect(reply).toBeTruthy();
    expect(reply.attachments.map((a: any) => a.filename)).toContain('proof.txt');
  });

  it('the customer closes the ticket after confirming; it moves to the closed list', async () => {
    await page.getByRole('button', { name: 'Close ticket' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Close this ticket?');
    // axe measures colours: wait until the dialog has faded in.
    await expect.poll(() => dialog.evaluate((element) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { opacity: string } }).getComputedStyle(element).opacity)).toBe('1');
    await expectAccessible(page, 'the close confirmation');
    await dialog.getByRole('button', { name: 'Yes, close ticket' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByText('Closed', { exact: true }).first().isVisible()).toBe(true);
    expect((await agentCall('GET', `/tickets/${ticket.id}`, undefined, sophie)).state.type).toBe('closed');
    // A closed ticket says that a reply would open it again.
    await expect.poll(() => page.getByText(/If you write a reply, it opens again/).isVisible()).toBe(true);

    await page.goto(`${server.url}/customer?status=closed`);
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Cannot sign in to Moodle' }).textContent()).toContain('Closed');
    await expectAccessible(page, 'the closed ticket list');
  });

  it('a reply to the closed ticket opens it again, as the hint said', async () => {
    await page.goto(`${server.url}/customer/tickets/${ticket.id}`);
    await page.getByLabel('Your reply').fill('Sorry, Moodle refuses the password again since today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.getByText('Your reply was sent and the ticket is open again.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('In progress', { exact: true }).first().isVisible()).toBe(true);
    expect((await agentCall('GET', `/tickets/${ticket.id}`, undefined, sophie)).state.type).toBe('open');
  });

  it('switching to German keeps the choice as the customer’s language; the profile saves the phone', async () => {
    await page.getByRole('navigation', { name: 'Portal navigation' }).getByRole('link', { name: 'My tickets' }).click();
    await expect.poll(heading).toBe('My tickets');
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('Deutsch').click();
    await expect.poll(heading).toBe('Meine Tickets');
    await eventually(async () => (await (await page.request.get(`${server.url}/api/v1/portal/session`)).json()).customer.language === 'de', 'the language to be saved');
    await page.getByRole('link', { name: 'Mein Profil' }).click();
    await expect.poll(heading).toBe('Mein Profil');
    await page.getByLabel('Telefon').fill('+49 30 1234567');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => page.getByText('Ihre Angaben wurden gespeichert.').isVisible()).toBe(true);
    expect((await (await page.request.get(`${server.url}/api/v1/portal/session`)).json()).customer.phone).toBe('+49 30 1234567');
    await expectAccessible(page, 'the German profile page');
    await page.getByRole('radiogroup', { name: 'Sprache' }).getByText('English').click();
    await expect.poll(heading).toBe('My profile');
  });

  it('fits a 390 px phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of ['/customer', `/customer/tickets/${ticket.id}`, '/customer/tickets/new']) {
      await page.goto(`${server.url}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as Doc).document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('resets a forgotten password through the mailed link', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/customer\/sign-in$/);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expectAccessible(page, 'the forgot-password page');
    await page.getByLabel(/^E-mail address/).fill(customer.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect.poll(heading).toBe('Check your mail');

    await page.goto(await mailedLink(customer.email, '/customer/reset-password?token='));
    await expect.poll(heading).toBe('Set a new password');
    await expectAccessible(page, 'the reset-password page');
    await page.getByLabel(/^New password/).fill('short');
    await page.getByLabel(/^Repeat password/).fill('short');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect.poll(() => page.getByText('At least 8 characters.').count()).toBeGreaterThan(1);
    customer.password = 'a-new-portal-password';
    await page.getByLabel(/^New password/).fill(customer.password);
    await page.getByLabel(/^Repeat password/).fill(customer.password);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect.poll(heading).toBe('Password changed');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel(/^Login or e-mail address/).fill(customer.login);
    await page.getByLabel(/^Password/).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(heading).toBe('My tickets');
  });

  it('registers a new student, who confirms by the mailed link and is signed in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/customer\/sign-in$/);
    await page.getByRole('link', { name: 'No account yet? Register' }).click();
    await expect.poll(heading).toBe('Register');
    await expect.poll(() => page.getByText(/uni-spree\.de/).first().isVisible()).toBe(true);
    await expectAccessible(page, 'the registration page');
    await page.getByLabel(/^First name/).fill('Jonas');
    await page.getByLabel(/^Last name/).fill('Weber');
    await page.getByLabel(/^E-mail address/).fill('jonas.weber@gmail.com');
    await page.getByLabel(/^New password/).fill('jonas-password-1');
    await page.getByLabel(/^Repeat password/).fill('jonas-password-1');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('Please use an address of: uni-spree.de').isVisible()).toBe(true);
    await page.getByLabel(/^E-mail address/).fill('jonas.weber@uni-spree.de');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(heading).toBe('Check your mail');
    await expectAccessible(page, 'the check-your-mail page');

    await page.goto(await mailedLink('jonas.weber@uni-spree.de', '/customer/confirm?token='));
    await page.waitForURL((url) => url.pathname === '/customer');
    await expect.poll(heading).toBe('My tickets');
    await expect.poll(() => page.getByText('Jonas Weber').first().isVisible()).toBe(true);

    // The link works once.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${server.url}/customer/confirm?token=used-or-unknown`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This link is no longer valid');
    await expectAccessible(page, 'the confirmation error');
  });
});
