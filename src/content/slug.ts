/**
 * The slug of a theme file: its name without `.md` and without the ordering
 * prefix (`03-begeleiding-starters.md` → `begeleiding-starters`).
 */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*\//, '').replace(/\.md$/i, '')
  return base.replace(/^\d+[-_.]/, '')
}

/** A slug kenniskaart can use in URLs, file names and CSS: lowercase words joined by dashes. */
export const slugPattern = /^[a-z\d]+(?:-[a-z\d]+)*$/

export function isValidSlug(slug: string): boolean {
  return slugPattern.test(slug)
}

/** The nearest valid slug to a name: `Één Thema` → `een-thema`. */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
