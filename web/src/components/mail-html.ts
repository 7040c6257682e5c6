/**
 * Prepares an article's HTML body (already sanitised by the server) for a sandboxed <iframe srcdoc>.
 * The frame runs no scripts and has no origin, so this only has to keep mail from phoning home:
 * remote images (tracking pixels) are removed until the agent asks for them, inline images
 * (cid:) become data: URLs the caller fetched with the session cookie, and a strict
 * Content-Security-Policy in the document itself is the backstop for anything missed here.
 */

export interface MailHtmlOptions {
  /** The agent clicked "Show images": keep http(s) images and allow them in the policy. */
  allowRemoteImages: boolean;
  /** data: URLs by Content-ID (without "cid:" and angle brackets, lower case). */
  inlineImages: Record<string, string>;
}

export interface PreparedMailHtml {
  /** The complete document for srcdoc, policy first. */
  srcdoc: string;
  /** How many remote references were removed (0 when allowed or none were there). */
  blockedRemote: number;
  /** Content-IDs the body refers to (normalised); fetch these and pass them back as inlineImages. */
  contentIds: string[];
  /** A height in pixels that shows most mails whole; longer ones scroll inside the frame. */
  estimatedHeight: number;
}

const REMOTE_URL = /^\s*(?:https?:)?\/\//i;
const CSS_REMOTE_URL = /url\(\s*(['"]?)\s*(?:https?:)?\/\/[^)]*\1\s*\)/gi;
const DANGEROUS_ELEMENTS = 'script, iframe, frame, frameset, object, embed, applet, base, meta, link, form, noscript';
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'srcset'];

/** "<Part.1@x>", "cid:Part.1@x" → "part.1@x". */
export function normaliseContentId(value: string): string {
  return value.trim().replace(/^cid:/i, '').replace(/^<|>$/g, '').trim().toLowerCase();
}

/** The policy inside the frame's document: nothing loads but inline styles and data: images (plus remote images once allowed). */
export function mailContentSecurityPolicy(allowRemoteImages: boolean): string {
  const img = allowRemoteImages ? "img-src data: https: http:" : 'img-src data:';
  return `default-src 'none'; ${img}; style-src 'unsafe-inline'; font-src data:; form-action 'none'`;
}

/** Rewrites mail HTML for display; pure apart from DOMParser, which never runs scripts. */
export function prepareMailHtml(html: string, options: MailHtmlOptions): PreparedMailHtml {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Defence in depth: the server removed these already; they would stay inert in the sandbox anyway.
  for (const element of Array.from(doc.querySelectorAll(DANGEROUS_ELEMENTS))) element.remove();
  let blocked = 0;
  const contentIds = new Set<string>();
  for (const element of Array.from(doc.querySelectorAll('*'))) {
    blocked += cleanElement(element, options, contentIds);
  }
  for (const style of Array.from(doc.querySelectorAll('style'))) {
    const text = style.textContent ?? '';
    if (/@import/i.test(text)) style.textContent = text.replace(/@import[^;]*;?/gi, '');
    if (!options.allowRemoteImages) {
      const replaced = (style.textContent ?? '').replace(CSS_REMOTE_URL, () => {
        blocked += 1;
        return 'none';
      });
      style.textContent = replaced;
    }
  }
  const head = doc.head;
  const policy = doc.createElement('meta');
  policy.setAttribute('http-equiv', 'Content-Security-Policy');
  policy.setAttribute('content', mailContentSecurityPolicy(options.allowRemoteImages));
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const base = doc.createElement('style');
  base.textContent =
    'html{color-scheme:light}body{margin:8px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;overflow-wrap:anywhere}img{max-width:100%;height:auto}pre{white-space:pre-wrap}blockquote{margin:0 0 0 .5em;padding-left:.75em;border-left:3px solid #ced4da;color:#495057}table{max-width:100%}';
  head.prepend(charset, policy, base);
  return {
    srcdoc: '<!DOCTYPE html>' + doc.documentElement.outerHTML,
    blockedRemote: blocked,
    contentIds: [...contentIds],
    estimatedHeight: estimateHeight(doc),
  };
}

/** Strips handlers and script URLs, blocks remote images, maps cid: images; returns how many remote references it removed. */
function cleanElement(element: Element, options: MailHtmlOptions, contentIds: Set<string>): number {
  let blocked = 0;
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on')) element.removeAttribute(attribute.name);
    else if (URL_ATTRIBUTES.includes(name) && /^\s*(?:javascript|vbscript|data:text\/html)/i.test(attribute.value)) element.removeAttribute(attribute.name);
  }
  // The server parks remote image addresses in data-remote-src; they load only once allowed.
  const parked = element.getAttribute('data-remote-src');
  if (parked !== null) {
    element.removeAttribute('data-remote-src');
    // Only web addresses are ever put back.
    const isWeb = /^\s*https?:\/\//i.test(parked);
    if (isWeb && options.allowRemoteImages) element.setAttribute('src', parked.trim());
    else if (isWeb) blocked += 1;
  }
  const src = element.getAttribute('src');
  if (src !== null && /^\s*cid:/i.test(src)) {
    const id = normaliseContentId(src);
    contentIds.add(id);
    const data = options.inlineImages[id];
    if (data) element.setAttribute('src', data);
    else element.removeAttribute('src');
  } else if (src !== null && REMOTE_URL.test(src) && !options.allowRemoteImages) {
    element.removeAttribute('src');
    blocked += 1;
  }
  if (options.allowRemoteImages) return blocked;
  const srcset = element.getAttribute('srcset');
  if (srcset !== null && srcset.split(',').some((candidate) => REMOTE_URL.test(candidate))) {
    element.removeAttribute('srcset');
    blocked += 1;
  }
  for (const name of ['background', 'poster']) {
    const value = element.getAttribute(name);
    if (value !== null && REMOTE_URL.test(value)) {
      element.removeAttribute(name);
      blocked += 1;
    }
  }
  const style = element.getAttribute('style');
  if (style !== null && CSS_REMOTE_URL.test(style)) {
    CSS_REMOTE_URL.lastIndex = 0;
    element.setAttribute('style', style.replace(CSS_REMOTE_URL, () => 'none'));
    blocked += 1;
  }
  CSS_REMOTE_URL.lastIndex = 0;
  return blocked;
}

/** Text lines at ~90 characters, block breaks and images; the frame scrolls beyond the cap. */
function estimateHeight(doc: Document): number {
  const text = doc.body?.textContent ?? '';
  const lines = text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(0, Math.ceil(line.trim().length / 90)), 0);
  const breaks = doc.querySelectorAll('br, p, div, tr, li, h1, h2, h3, h4, blockquote').length;
  const images = Array.from(doc.querySelectorAll('img')).reduce((sum, img) => sum + Math.min(400, Number(img.getAttribute('height')) || 120), 0);
  return Math.round(Math.min(640, Math.max(80, (lines + breaks) * 20 + images + 24)));
}
