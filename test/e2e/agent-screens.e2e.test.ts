import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectAccessible, logIn } from './support/agent.ts';
import { openBrowser, type BrowserSession } from './support/browser.ts';
import { startDemoServer, type ServerProcess } from './support/server-process.ts';

/** The other screens of an agent's day on the demo desk: a phone ticket, bulk work, preferences, a phone-sized screen. */
describe('agent web app: phone ticket, bulk actions, preferences, small screens', () => {
  let server: ServerProcess;
  let desk: BrowserSession;
  let phone: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    server = await startDemoServer();
    desk = await openBrowser({ locale: 'en-GB' });
    page = await desk.context.newPage();
    await logIn(page, server.url, 'sophie.wagner', server.demoPassword);
  }, 180_000);

  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await server?.stop();
  });

  async function apiGet(path: string): Promise<any> {
    const response = await page.request.get(`${server.url}/api/v1${path}`);
    expect(response.status(), path).toBe(200);
    return response.json();
  }

  it('takes a phone call as a new ticket for a known customer', async () => {
    const customer = (await apiGet('/customer-users?limit=1')).items[0];
    await page.goto(`${server.url}/tickets/new/phone`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('New phone ticket');
    await expectAccessible(page, 'the new phone ticket page');
    await page.getByRole('textbox', { name: 'Customer' }).fill(customer.email);
    await page.getByRole('option', { name: new RegExp(customer.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await page.getByRole('textbox', { name: 'Queue' }).click();
    await page.getByRole('option', { name: /1st Level/ }).click();
    await page.getByRole('textbox', { name: 'Subject' }).fill('Drucker im PC-Pool druckt nicht');
    await page.getByRole('textbox', { name: 'Message' }).fill('Anruf: der Drucker im Pool 2 zeigt Papierstau, obwohl keiner da ist.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/tickets\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const created = await apiGet(`/tickets/${id}`);
    expect(created.title).toBe('Drucker im PC-Pool druckt nicht');
    expect(created.channel).toBe('phone');
    expect(created.customerUser.id).toBe(customer.id);
    expect(String(created.queue.name)).toMatch(/1st Level$/);
    const articles = await apiGet(`/tickets/${id}/articles`);
    expect(articles[0]).toMatchObject({ channel: 'phone', senderType: 'customer' });
  });

  it('raises the priority of two tickets at once and reports what changed', async () => {
    const queue = (await apiGet('/queues')).find((q: any) => q.name === '1st Level');
    await page.goto(`${server.url}/queues/${queue.id}?stateType=new`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Queue view');
    const list = await apiGet(`/tickets?queueId=${queue.id}&stateType=new&lock=unlock&limit=50`);
    const [a, b] = list.items.filter((t: any) => t.priority.id !== 5);
    await page.getByRole('checkbox', { name: `Select ticket ${a.number}` }).check();
    await page.getByRole('checkbox', { name: `Select ticket ${b.number}` }).check();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Set priority' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'New priority' }).click();
    await page.getByRole('option', { name: /very high/ }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByText('2 changed, 0 refused').first().isVisible()).toBe(true);
    for (const ticket of [a, b]) expect((await apiGet(`/tickets/${ticket.id}`)).priority.id).toBe(5);
  });

  it('splits an article into a new linked ticket, then merges that ticket back', async () => {
    const queue = (await apiGet('/queues')).find((q: any) => q.name === '1st Level');
    const source = (await apiGet(`/tickets?queueId=${queue.id}&stateType=open&lock=unlock&limit=1`)).items[0];
    const article = (await apiGet(`/tickets/${source.id}/articles`))[0];
    await page.goto(`${server.url}/tickets/${source.id}`);
    await page.getByRole('button', { name: `More actions for article ${article.subject}` }).click();
    await page.getByRole('menuitem', { name: 'Split into new ticket' }).click();
    const splitDialog = page.getByRole('dialog');
    if (await splitDialog.isVisible().catch(() => false)) await splitDialog.getByRole('button', { name: /^Split/ }).click();
    await page.waitForURL((url) => /\/tickets\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${source.id}`));
    const childId = Number(new URL(page.url()).pathname.split('/').pop());
    const links = await apiGet(`/tickets/${childId}/links`);
    expect(links.map((l: any) => l.ticket.id)).toContain(source.id);
    expect((await apiGet(`/tickets/${childId}/articles`))[0].bodyText).toBe(article.bodyText);

    await page.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button', { name: 'Merge' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Ticket number' }).fill(source.number);
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.waitForURL(new RegExp(`/tickets/${source.id}$`));
    const merged = await apiGet(`/tickets/${childId}`);
    expect(merged.state.type).toBe('merged');
    expect(merged.mergedIntoId).toBe(source.id);
  });

  it('switches the whole UI to German from the preferences, at once and for the next login', async () => {
    await page.goto(`${server.url}/preferences`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Preferences');
    await expectAccessible(page, 'the preferences');
    await page.getByRole('radio', { name: 'Deutsch' }).check();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Persönliche Einstellungen');
    await eventually(async () => (await apiGet('/me')).language === 'de', 'the language to be saved');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Preferences');
  });

  it('works on a phone-sized screen: navigation behind the menu button, nothing wider than the screen', async () => {
    phone = await openBrowser({ locale: 'de-DE', viewport: { width: 390, height: 844 } });
    const small = await phone.context.newPage();
    await logIn(small, server.url, 'lena.hoffmann', server.demoPassword);
    await expect.poll(() => small.getByRole('heading', { level: 1 }).textContent()).toBe('Gesamtüberblick');
    const width = () => small.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(391);
    await small.getByRole('button', { name: 'Menü' }).click();
    await small.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Queue-Ansicht' }).click();
    await expect.poll(() => small.getByRole('heading', { level: 1 }).textContent()).toBe('Queue-Ansicht');
    expect(await width()).toBeLessThanOrEqual(391);
    await expectAccessible(small, 'the queue view on a phone');
  });
});
