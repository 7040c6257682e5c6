import { build } from 'esbuild';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailHtmlOptions, PreparedMailHtml } from '../../web/src/components/mail-html';
import { openBrowser, type BrowserSession } from '../e2e/support/browser';

/**
 * prepareMailHtml needs the browser's DOMParser, so it runs in a real Chromium here: the module
 * is bundled as it ships and called in a blank page; the sandboxed frame is checked there too.
 */
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../web/src/components/mail-html.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'MailHtml',
    write: false,
  });
  browser = await openBrowser();
  page = await browser.context.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

function prepare(html: string, options: Partial<MailHtmlOptions> = {}): Promise<PreparedMailHtml> {
  return page.evaluate(
    ([h, o]) => (window as unknown as { MailHtml: { prepareMailHtml: (h: string, o: MailHtmlOptions) => PreparedMailHtml } }).MailHtml.prepareMailHtml(h, o),
    [html, { allowRemoteImages: false, inlineImages: {}, ...options }] as const,
  );
}

/** Renders srcdoc in a sandboxed iframe as MailHtmlFrame does and reports whether any script ran. */
async function scriptsRanIn(srcdoc: string): Promise<boolean> {
  return page.evaluate(async (doc) => {
    const w = window as unknown as { pwned?: boolean };
    w.pwned = false;
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox');
    frame.srcdoc = doc;
    document.body.append(frame);
    await new Promise((resolve) => setTimeout(resolve, 300));
    frame.remove();
    return (w as { pwned?: boolean }).pwned === true;
  }, srcdoc);
}

describe('prepareMailHtml', () => {
  it('keeps script payloads inert: scripts and handlers removed, policy first, and nothing runs in the frame', async () => {
    const hostile =
      '<p>Hello</p><script>parent.pwned = true</script><img src="x" onerror="parent.pwned = true"><a href="javascript:parent.pwned=true">click</a><svg><animate onbegin="parent.pwned=true"/></svg><iframe src="https://evil.example"></iframe>';
    const result = await prepare(hostile);
    expect(result.srcdoc).not.toMatch(/<script/i);
    expect(result.srcdoc).not.toMatch(/onerror|onbegin/i);
    expect(result.srcdoc).not.toMatch(/javascript:/i);
    expect(result.srcdoc).not.toMatch(/<iframe/i);
    expect(result.srcdoc).toContain('Hello');
    expect(result.srcdoc.indexOf('Content-Security-Policy')).toBeLessThan(result.srcdoc.indexOf('Hello'));
    expect(result.srcdoc).toContain("default-src 'none'");
    expect(await scriptsRanIn(result.srcdoc)).toBe(false);
  });

  it('strips remote images (src, srcset, background, CSS url) and restores them when allowed', async () => {
    const mail =
      '<table background="https://t.example/bg.png"><tr><td style="background-image:url(\'http://t.example/x.png\')">A</td></tr></table><img src="https://t.example/pixel.gif" alt="logo"><img srcset="https://t.example/a.png 1x, https://t.example/b.png 2x"><img src="//t.example/proto.gif">';
    const blocked = await prepare(mail);
    expect(blocked.blockedRemote).toBe(5);
    expect(blocked.srcdoc).not.toContain('t.example');
    expect(blocked.srcdoc).toContain('img-src data:;');
    expect(blocked.srcdoc).toContain('alt="logo"');

    const allowed = await prepare(mail, { allowRemoteImages: true });
    expect(allowed.blockedRemote).toBe(0);
    expect(allowed.srcdoc).toContain('src="https://t.example/pixel.gif"');
    expect(allowed.srcdoc).toContain('https://t.example/b.png 2x');
    expect(allowed.srcdoc).toContain('background="https://t.example/bg.png"');
    expect(allowed.srcdoc).toContain('img-src data: https: http:');
  });

  it('puts back the remote images the server parked in data-remote-src only when allowed', async () => {
    const mail = '<p>Logo: <img alt="logo" data-remote-src="https://t.example/logo.png"><img data-remote-src="javascript:alert(1)"></p>';
    const blocked = await prepare(mail);
    expect(blocked.blockedRemote).toBe(1);
    expect(blocked.srcdoc).not.toContain('t.example');
    const allowed = await prepare(mail, { allowRemoteImages: true });
    expect(allowed.srcdoc).toContain('src="https://t.example/logo.png"');
    expect(allowed.srcdoc).not.toContain('javascript:');
  });

  it('maps cid: images to the data URLs fetched for them and reports which ones it needs', async () => {
    const mail = '<p>Screenshot:</p><img src="cid:Part1.ABC@mail.example" alt="shot"><img src="cid:missing@x">';
    const first = await prepare(mail);
    expect(first.contentIds.sort()).toEqual(['missing@x', 'part1.abc@mail.example']);
    expect(first.srcdoc).not.toContain('cid:');

    const data = 'data:image/png;base64,iVBORw0KGgo=';
    const mapped = await prepare(mail, { inlineImages: { 'part1.abc@mail.example': data } });
    expect(mapped.srcdoc).toContain(`src="${data}"`);
    expect(mapped.blockedRemote).toBe(0);
  });
});
