// Anki keeps card fields as HTML: this turns them into the plain text a question set holds.

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  hellip: '…',
  mdash: '—',
  ndash: '–',
};

/** Decodes `&amp;`, `&nbsp;`, `&#39;`, `&#x27;` and the like; unknown entities stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** True when `text` looks like HTML (has a tag or an entity). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][^>]*>|&(#x[0-9a-f]+|#\d+|[a-z]+);/i.test(text);
}

/**
 * Plain text from an HTML fragment: line breaks for `<br>` and block ends, `- ` for list
 * items, images as `[image: name]`, Anki's `[sound:…]` references dropped, scripts and styles
 * removed, every other tag stripped, entities decoded, blank lines dropped (block tags open
 * and close lines, so blank lines in the HTML's layout are noise).
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r\n?/g, '\n')
    // Line breaks in HTML source are spaces; only tags break lines (except inside <pre>).
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_, body: string) => `\n${body.replace(/\n/g, '<br>')}\n`)
    .replace(/\n/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/li\s*>/gi, '')
    .replace(/<\/(div|p|h[1-6]|tr|ul|ol|blockquote|table)\s*>/gi, '\n')
    .replace(/<(div|p|h[1-6]|tr|ul|ol|blockquote|table)\b[^>]*>/gi, '\n')
    .replace(
      /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi,
      (_, a?: string, b?: string, c?: string) => `[image: ${a ?? b ?? c ?? ''}]`,
    )
    .replace(/<[^>]*>/g, '')
    .replace(/\[sound:[^\]]*\]/g, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
