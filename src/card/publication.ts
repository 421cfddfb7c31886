import {CliError, ExitCode} from '../errors.js'
import type {Handout, PageSize} from '../content/schema.js'
import {fallbackLanguage} from '../labels.js'
import type {Card, CardSource, Theme} from './model.js'

/** Something to print: the whole card, or a handout of some of its themes. */
export interface Publication {
  card: Card
  kind: 'card' | 'handout'
  /** The card's slug, or the handout's. */
  slug: string
  title: string
  themes: Theme[]
  size: PageSize
  /** The literature of this publication, numbered as it is printed. */
  sources: Array<{source: CardSource; number: number}>
}

/** The whole card: every theme, every source numbered by its position. */
export function cardPublication(card: Card, size: PageSize = 'A4'): Publication {
  return {
    card,
    kind: 'card',
    slug: card.slug,
    title: card.meta.title,
    themes: card.themes,
    size,
    sources: card.sources.map((source, index) => ({source, number: index + 1}))
  }
}

/**
 * A handout: the chosen themes in the card's order, and only the sources
 * they cite, numbered 1…k in the card's order so the list reads the same.
 */
export function handoutPublication(card: Card, handout: Pick<Handout, 'slug' | 'title' | 'themes' | 'size'>): Publication {
  const themes = selectThemes(card, handout.themes)
  const cited = new Set(themes.flatMap((theme) => theme.cites))
  const sources = card.sources.filter((source) => cited.has(source.id)).map((source, index) => ({source, number: index + 1}))
  const title = handout.title ?? listOfTitles(themes.map((theme) => theme.title), card.meta.lang)
  return {card, kind: 'handout', slug: handout.slug, title, themes, size: handout.size ?? 'A4', sources}
}

/**
 * "A", "A en B", "A, B en C" (in English "A, B, and C"): a handout without a
 * title of its own is named after its themes, in the card's language.
 */
function listOfTitles(items: string[], lang: string | undefined): string {
  let format: Intl.ListFormat
  try {
    format = new Intl.ListFormat(lang ?? fallbackLanguage, {type: 'conjunction'})
  } catch {
    format = new Intl.ListFormat(fallbackLanguage, {type: 'conjunction'})
  }
  return format.format(items)
}

/** The card's themes named by `slugs`, in the card's order; an unknown slug is a usage error. */
export function selectThemes(card: Card, slugs: readonly string[]): Theme[] {
  const known = new Set(card.themes.map((theme) => theme.slug))
  const unknown = slugs.filter((slug) => !known.has(slug))
  if (unknown.length > 0) {
    throw new CliError(`Card \`${card.slug}\` has no theme ${unknown.map((slug) => `\`${slug}\``).join(', ')}`, {
      exitCode: ExitCode.usage,
      hint: `Its themes are: ${[...known].join(', ')}.`
    })
  }
  return card.themes.filter((theme) => slugs.includes(theme.slug))
}

/** Where a publication's PDF is written, below the output folder. */
export function publicationPath(publication: Publication): string {
  return publication.kind === 'card'
    ? `${publication.card.slug}/${publication.card.slug}.pdf`
    : `${publication.card.slug}/handouts/${publication.slug}.pdf`
}
