import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, logIn } from './support/agent.ts';
import { openBrowser, type BrowserSession } from './support/browser.ts';
import { startDemoServer, type ServerProcess } from './support/server-process.ts';

describe('agent login in the browser', () => {
  let server: ServerProcess;
  let browser: BrowserSession;
  beforeAll(async () => {
    server = await startDemoServer();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the login in the browser language, refuses a wrong password, and logs in in the agent’s own language', async () => {
    browser = await openBrowser({ locale: 'en-US' });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/queues`);
    await page.waitForURL(/\/login$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ticketwerk login');
    await expectAccessible(page, 'the login page');

    await page.getByLabel(/^Login/).fill('lena.hoffmann');
    await page.getByLabel(/^Password/).fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Login or password is wrong.');

    // Lena's own setting is German: after login the whole UI switches, and she lands where she wanted to go.
    await logIn(page, server.url, 'lena.hoffmann', server.demoPassword);
    await page.goto(`${server.url}/queues`);
    await expect.poll(() => page.getByRole('navigation', { name: 'Hauptnavigation' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('de');

    await page.getByRole('button', { name: 'Lena Hoffmann' }).click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.waitForURL(/\/login$/);
    const session = await page.request.get(`${server.url}/api/v1/session`);
    expect(session.status()).toBe(401);
  });
});
