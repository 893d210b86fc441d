import sanitizeHtml from 'sanitize-html';

/**
 * Article bodies are HTML from the trainer's editor. Only formatting survives:
 * no scripts, styles, event handlers, iframes or javascript: links, so an
 * article can be shown as HTML in every cadre's browser.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ol', 'ul', 'li', 'a', 'span', 'sub', 'sup', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img'],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

export function sanitizeArticle(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The visible text of an article, for its length and a default reading time. */
export function articleText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}

/** About 480 Chinese characters a minute; at least 30 seconds, at most 30 minutes. */
export function defaultReadingSeconds(html: string): number {
  return Math.min(1800, Math.max(30, Math.round(articleText(html).length / 8)));
}
