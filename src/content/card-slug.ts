import {isValidSlug, suggestSlug} from './slug.js'

/**
 * Names a card folder may not take although they are valid slugs: the
 * output keeps its own folders beside the cards (`assets/` holds the
 * visual themes' stylesheets and fonts, `pagefind/` the search index).
 */
export const reservedCardSlugs: readonly string[] = ['assets', 'pagefind']

/** Why a card folder's name cannot be its slug, and a name that can. */
export interface CardSlugProblem {
  reason: string
  suggestion: string
}

/**
 * Check a card folder's name: it becomes the card's slug, in web addresses,
 * output paths and PDF file names, so it follows the rules of theme slugs
 * (lowercase letters, digits and dashes) and takes no reserved name.
 */
export function cardSlugProblem(name: string): CardSlugProblem | undefined {
  if (reservedCardSlugs.includes(name)) {
    return {reason: `The card folder name \`${name}\` is reserved: the output uses \`${name}/\` for its own files`, suggestion: `${name}-kaart`}
  }
  if (isValidSlug(name)) return undefined
  let suggestion = suggestSlug(name) || 'mijn-kaart'
  if (reservedCardSlugs.includes(suggestion)) suggestion = `${suggestion}-kaart`
  return {reason: `The card folder name \`${name}\` is not a usable card slug`, suggestion}
}
