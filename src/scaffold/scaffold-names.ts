import {cardSlugProblem, reservedCardSlugs} from '../content/card-slug.js'
import {isValidSlug, suggestSlug} from '../content/slug.js'

/**
 * The longest slug the scaffolding makes. The build takes longer ones, but
 * a slug is part of file names such as `print-card-<slug>.html`, and most
 * file systems stop at 255 bytes.
 */
export const maxScaffoldSlugLength = 100

/** Why a name cannot be a new card's or theme's slug, and one that can. */
export interface NameProblem {
  reason: string
  hint: string
}

const slugRule = 'a slug holds only lowercase letters, digits and single dashes, because it becomes part of web addresses and file names'

/** A new card's slug is its folder's name: the build's rules for card folders, and a length limit. */
export function newCardSlugProblem(slug: string): NameProblem | undefined {
  const tooLong = lengthProblem(slug, 'card')
  if (tooLong) return tooLong
  const problem = cardSlugProblem(slug)
  if (!problem) return undefined
  if (reservedCardSlugs.includes(slug)) {
    return {reason: `\`${slug}\` cannot be a card's slug: the output uses \`${slug}/\` for its own files.`, hint: `Use \`${problem.suggestion}\`, or another name.`}
  }
  return {reason: slug === '' ? 'The card slug is empty.' : `\`${slug}\` is not a usable card slug.`, hint: `Use \`${problem.suggestion}\`: a card's slug is its folder's name, and ${slugRule}.`}
}

/** A new theme's slug: the rules of theme file names, and a length limit. */
export function newThemeSlugProblem(slug: string): NameProblem | undefined {
  const tooLong = lengthProblem(slug, 'theme')
  if (tooLong) return tooLong
  if (isValidSlug(slug)) return undefined
  const suggestion = shorten(suggestSlug(slug)) || 'nieuw-thema'
  return {reason: slug === '' ? 'The theme slug is empty.' : `\`${slug}\` is not a usable theme slug.`, hint: `Use \`${suggestion}\`: ${slugRule}.`}
}

function lengthProblem(slug: string, what: 'card' | 'theme'): NameProblem | undefined {
  if (slug.length <= maxScaffoldSlugLength) return undefined
  const suggestion = shorten(suggestSlug(slug))
  return {
    reason: `The ${what} slug is ${slug.length} characters long; the limit is ${maxScaffoldSlugLength}.`,
    hint: `Choose a shorter slug${suggestion ? `, such as \`${suggestion}\`` : ''}: it becomes part of web addresses and file names.`
  }
}

/** A suggested slug cut to the limit, at a dash where one is near. */
function shorten(slug: string): string {
  if (slug.length <= maxScaffoldSlugLength) return slug
  const cut = slug.slice(0, maxScaffoldSlugLength)
  return cut.replace(/-[^-]*$/, '') || cut.replace(/-+$/, '')
}

/** A readable title for a slug: `samen-leren` → `Samen leren`. */
export function titleFromSlug(slug: string): string {
  const words = slug.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
