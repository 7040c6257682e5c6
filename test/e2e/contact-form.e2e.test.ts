import http from 'node:http';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, eventually } from './support/agent.ts';
import { openBrowser, type BrowserSession } from './support/browser.ts';
import { startDemoServer, type ServerProcess } from './support/server-process.ts';
import { freePort } from '../support/free-port.ts';

/** The public contact form in real Chromium against the real server, with and without JavaScript. */
describe('public contact form', () => {
  let server: ServerProcess;
  let visitor: BrowserSession;
  let noScript: BrowserSession;
  let agent: BrowserSession;
  let agentApi: APIRequestContext;

  beforeAll(async () => {
    // A person needs at least a second here, so the test does not wait three.
    server = await startDemoServer({ CONTACT_FORM_MIN_SECONDS: '1' });
    visitor = await openBrowser({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    noScript = await openBrowser({ locale: 'de-DE', javaScriptEnabled: false });
    agent = await openBrowser({ locale: 'en-GB' });
    agentApi = agent.context.request;
    const login = await agentApi.post(`${server.url}/api/v1/session`, { data: { login: 'sophie.wagner', password: server.demoPassword } });
    expect(login.status()).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await visitor?.close();
    await noScript?.close();
    await agent?.close();
    await server?.stop();
  });

  const webTickets = async (): Promise<{ id: number; number: string; title: string; channel: string }[]> => {
    const response = await agentApi.get(`${server.url}/api/v1/tickets?channel=web&stateType=new,open&limit=100`);
    expect(response.status()).toBe(200);
    return (await response.json()).items;
  };

  /** Fills in the form as a person does, and waits the minimum time before sending. */
  async function fillIn(page: Page, values: { name: string; email: string; subject: string; message: string }, topicLabel: RegExp) {
    await page.getByLabel(/^(Your name|Ihr Name)/).fill(values.name);
    await page.getByLabel(/^(Your e-mail address|Ihre E-Mail-Adresse)/).fill(values.email);
    const topic = page.getByLabel(/^(Topic|Thema)/);
    const option = (await topic.locator('option').allTextContents()).find((text) => topicLabel.test(text));
    await topic.selectOption({ label: option ?? '' });
    await page.getByLabel(/^(Subject|Betreff)/).fill(values.subject);
    await page.getByLabel(/^(Your message|Ihre Nachricht)/).fill(values.message);
    await page.waitForTimeout(1200);
  }

  it('passes axe-core in English and German and fits a 390 px phone screen', async () => {
    const page = await visitor.context.newPage();
    for (const lang of ['en', 'de']) {
      await page.goto(`${server.url}/contact?lang=${lang}`);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      await expectAccessible(page, `the contact form (${lang})`);
      const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(390);
    }
    await page.close();
  });

  it('with JavaScript: the answer with the ticket number appears in place, and agents see a web ticket', async () => {
    const page = await visitor.context.newPage();
    await page.goto(`${server.url}/contact?lang=en`);
    await eventually(() => page.evaluate(() => (globalThis as unknown as { contactFormEnhanced?: boolean }).contactFormEnhanced), 'the form script');
    await fillIn(page, { name: 'Emma Fischer', email: 'emma.fischer@gmx.de', subject: 'Cannot reset my password', message: 'Hello,\nthe reset link says it expired.\nEmma' }, /Password/);
    await page.getByLabel(/^Attachments/).setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
    await page.getByRole('button', { name: 'Send' }).click();
    const thanks = page.getByRole('heading', { name: 'Thank you for your message' });
    await thanks.waitFor();
    // No reload: the form's own page is still there, the answer replaced the form.
    expect(page.url()).toBe(`${server.url}/contact?lang=en`);
    await expect.poll(() => page.locator('form').count()).toBe(0);
    const text = (await page.locator('.thanks').textContent()) ?? '';
    const number = /ticket number (\d+)/.exec(text)?.[1];
    expect(number).toBeTruthy();
    await expectAccessible(page, 'the contact form answer');

    const ticket = (await webTickets()).find((t) => t.number === number);
    expect(ticket).toMatchObject({ title: 'Cannot reset my password', channel: 'web' });
    const articles = await (await agentApi.get(`${server.url}/api/v1/tickets/${ticket!.id}/articles`)).json();
    expect(articles[0]).toMatchObject({ channel: 'web', senderType: 'customer', from: '"Emma Fischer" <emma.fischer@gmx.de>' });
    expect(articles[0].attachments.map((a: { filename: string }) => a.filename)).toEqual(['screenshot.png']);

    // The agent app shows where the ticket came from (the agent's browser signed in above).
    const desk = await agent.context.newPage();
    await desk.goto(`${server.url}/tickets/${ticket!.id}`);
    await desk.getByText('Web form', { exact: true }).first().waitFor();
    await desk.close();
    await page.close();
  });

  it('without JavaScript: a plain form POST answers with the thank-you page, and mistakes come back next to their fields', async () => {
    const page = await noScript.context.newPage();
    await page.goto(`${server.url}/contact`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await fillIn(page, { name: 'Jonas Keller', email: 'jonas.keller@uni-spree', subject: 'CampusCard gesperrt', message: 'Guten Tag,\nmeine CampusCard geht nicht mehr.\nJonas Keller' }, /Sonstiges/);
    // The browser lets an address without a dot in its domain through; the desk does not.
    await page.getByRole('button', { name: 'Absenden' }).click();
    await page.locator('#email-error').filter({ hasText: 'gültige E-Mail-Adresse' }).waitFor();
    expect(await page.getByLabel(/^Betreff/).inputValue()).toBe('CampusCard gesperrt');
    expect(await page.getByLabel(/^Ihre E-Mail-Adresse/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^Ihre E-Mail-Adresse/).fill('jonas.keller@student.uni-spree.de');
    await page.waitForTimeout(1200);
    await page.getByRole('button', { name: 'Absenden' }).click();
    await page.getByRole('heading', { name: 'Vielen Dank für Ihre Nachricht' }).waitFor();
    const number = /Ticketnummer (\d+)/.exec((await page.locator('main').textContent()) ?? '')?.[1];
    expect((await webTickets()).find((t) => t.number === number)).toMatchObject({ title: 'CampusCard gesperrt', channel: 'web' });
    await page.close();
  });

  it('a bot that fills the hidden honeypot field is refused and no ticket is made', async () => {
    const before = (await webTickets()).length;
    const page = await visitor.context.newPage();
    await page.goto(`${server.url}/contact?lang=en`);
    await fillIn(page, { name: 'Best Offers', email: 'offers@spam.example', subject: 'Cheap watches', message: 'Visit our shop' }, /Something else/);
    await page.locator('#website').fill('https://cheap-watches.example', { force: true });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your message could not be sent' }).waitFor();
    expect((await webTickets()).length).toBe(before);
    await page.close();
  });

  it('a university page can embed the form in an iframe', async () => {
    // The university's page comes from another origin, as www.uni-spree.de would.
    const port = await freePort();
    const university = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="de"><title>Uni</title><main><h1>Universität an der Spree</h1><iframe title="Kontakt" src="${server.url}/contact?embed=1&lang=de" width="380" height="900"></iframe></main></html>`);
    });
    await new Promise<void>((resolve) => university.listen(port, 'localhost', resolve));
    const page = await visitor.context.newPage();
    await page.goto(`http://localhost:${port}/`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { name: 'Kontakt zum Service Desk' }).waitFor();
    expect(await frame.locator('body').getAttribute('class')).toBe('embed');
    await page.close();
    university.closeAllConnections();
    await new Promise((resolve) => university.close(resolve));
  });
});
