import {slugFromFileName} from '../content/slug.js'

/** The theme files of a card folder: every `.md` file but `index.md`, as the build reads them. */
export function themeFileNames(names: readonly string[]): string[] {
  return names.filter((name) => name.toLowerCase().endsWith('.md') && name !== 'index.md' && !name.startsWith('.'))
}

/** The theme file of a card that already has this slug (under any number), if one does. */
export function fileWithSlug(themeFiles: readonly string[], slug: string): string | undefined {
  return themeFiles.find((name) => slugFromFileName(name) === slug)
}

/**
 * The file name of a new theme: the number after the highest `NN-` prefix
 * of the card's theme files, as wide as that prefix (`07-…` → `08-…`,
 * `099-…` → `100-…`), so it sorts after them; `01-` in a card without one.
 */
export function nextThemeFileName(themeFiles: readonly string[], slug: string): string {
  let highest = 0
  let width = 2
  for (const name of themeFiles) {
    const prefix = /^(\d+)[-_.]/.exec(name)?.[1]
    if (prefix === undefined) continue
    const number = Number(prefix)
    if (number > highest || (number === highest && prefix.length > width)) {
      highest = number
      width = prefix.length
    }
  }
  return `${String(highest + 1).padStart(width, '0')}-${slug}.md`
}
