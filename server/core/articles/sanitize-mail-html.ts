import sanitizeHtml from 'sanitize-html';

/**
 * Mail HTML reduced to what is safe to show: no scripts, event handlers, forms, frames,
 * styles that load content, or javascript: links. Remote images stay as data so the web
 * app can offer "load remote content"; it shows them only when asked.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'a'),
      'a', 'img', 'span', 'font', 'center', 'u', 's', 'del', 'ins', 'sub', 'sup',
    ],
    allowedAttributes: {
      '*': ['style', 'align', 'valign', 'width', 'height', 'dir', 'lang', 'title', 'colspan', 'rowspan', 'bgcolor', 'color', 'border', 'cellpadding', 'cellspacing'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'data-remote-src'],
      font: ['face', 'size', 'color'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowProtocolRelative: false,
    // Layout styles only; a value with url(...) would load remote content behind the reader's back.
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_STYLE_VALUE]])) },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
      // Remote images (tracking pixels) never load on their own: the address moves to
      // data-remote-src, and the web app puts it back only when the reader asks for it.
      img: (tagName, attribs) => {
        const { src = '', 'data-remote-src': _untrusted, ...rest } = attribs;
        return /^https?:/i.test(src.trim()) ? { tagName, attribs: { ...rest, 'data-remote-src': src.trim() } } : { tagName, attribs: { ...rest, src } };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && /^\s*$/.test(frame.attribs.src ?? '') && !frame.attribs['data-remote-src'],
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
    parser: { lowerCaseTags: true },
  });
}

const SAFE_STYLE_VALUE = /^(?!.*(url|expression)\s*\()[^;]*$/i;
const STYLE_PROPERTIES = [
  'color', 'background-color', 'font-size', 'font-family', 'font-weight', 'font-style', 'text-align', 'text-decoration',
  'line-height', 'vertical-align', 'width', 'height', 'max-width', 'margin', 'margin-top', 'margin-bottom', 'margin-left',
  'margin-right', 'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right', 'border', 'border-top',
  'border-bottom', 'border-left', 'border-right', 'border-collapse', 'white-space', 'display',
];

/** Plain text of an HTML body, for search and for mails without a text part. */
export function htmlToPlainText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['style', 'script', 'head', 'title'] });
  return decodeEntities(text).replace(/\n{3,}/g, '\n\n').trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
