import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { findAccessibilityViolations } from './axe.ts';

/** Logs in through the login form, in whichever language the page shows. */
export async function logIn(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel(/^(Login|Benutzername)/).fill(login);
  await page.getByLabel(/^(Password|Passwort)/).fill(password);
  await page.getByRole('button', { name: /^(Log in|Anmelden)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Fails with axe-core's findings when the page breaks WCAG 2.1 A/AA rules. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await findAccessibilityViolations(page);
  expect(violations, `accessibility of ${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Polls fn until it returns a truthy value or the time is up. */
export async function eventually<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
