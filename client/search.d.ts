/** A Pagefind excerpt as parts: text, and text to highlight (see client/search.js). */
export function excerptParts(excerpt: string): Array<{text: string; marked: boolean}>
/** Append an excerpt to `parent`: text nodes and `<mark>` elements only. */
export function appendExcerpt(parent: unknown, excerpt: string): void
