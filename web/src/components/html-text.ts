const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of editor HTML, the way the editor's getText({ blockSeparator: '\n\n' }) gives it:
 * blocks (paragraphs, headings, list items, quotes) separated by blank lines, <br> as a line break.
 * Used before the editor is ready and for bodies set from outside.
 */
export function textFromHtml(html: string): string {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    // Tiptap wraps list item text in <p>: the item's dash belongs on the text's line.
    .replace(/<li([^>]*)>\s*<p[^>]*>/gi, '<li$1>')
    .replace(/<li[^>]*>/gi, '\n\n- ')
    .replace(/<\/(p|div|h[1-6]|li|blockquote|pre|ul|ol|tr|table)>/gi, '\n\n')
    .replace(/<(p|div|h[1-6]|blockquote|pre|ul|ol|tr|table)(\s[^>]*)?>/gi, '\n\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** HTML for a plain-text body: paragraphs at blank lines, line breaks kept, special characters escaped. */
export function htmlFromText(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== '')
    .map((block) => `<p>${escape(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
