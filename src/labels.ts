/**
 * The words kenniskaart itself puts on a page, one table per language. A
 * card's `lang` picks the table (`nl-BE` takes `nl`); a visual theme's
 * `labels` replace single entries. Counts ("1 thema", "2 thema's") have one
 * entry per plural category of `Intl.PluralRules`, with `{count}` in it.
 */
const nl = {
  /** Above a card's title, when its frontmatter gives no `label`. */
  cardLabel: 'Kenniskaart',
  contents: 'Inhoud',
  literature: 'Gebruikte literatuur',
  contact: 'Contact',
  tips: 'Tips',
  theme: 'Thema',
  /** Before a page number on a tile: "pagina 3". */
  page: 'pagina',
  /** The page footer: "pagina 3 van 12"; `{page}` and `{pages}` are the numbers. */
  pageOfPages: 'pagina {page} van {pages}',
  previous: 'Vorige',
  next: 'Volgende',
  overview: 'Overzicht',
  themesNavigation: 'Thema\'s',
  skipToContent: 'Naar de inhoud',
  allCards: 'Alle kenniskaarten',
  cardsTitle: 'Kenniskaarten',
  publishedBy: 'Een uitgave van',
  madeWith: 'Gemaakt met kenniskaart',
  figurePending: 'Figuur',
  fromCard: 'Uit de kenniskaart',
  downloads: 'Downloads',
  wholeCardPdf: 'De hele kenniskaart',
  pdf: 'PDF',
  themeCountOne: '{count} thema',
  themeCountOther: '{count} thema\'s',
  contactPhone: 'Telefoon',
  contactEmail: 'E-mail',
  contactWebsite: 'Website',
  contactVisit: 'Bezoekadres',
  contactPost: 'Postadres',
  /** The search box in the page header (shown only where search works, with JavaScript). */
  search: 'Zoeken',
  searchPlaceholder: 'Zoek in de kenniskaarten',
  /** Beside the search box of a card's pages: search that card alone. */
  searchThisCard: 'Alleen in deze kenniskaart',
  /** How many pages the search found: "1 resultaat", "12 resultaten". */
  searchResultsOne: '{count} resultaat',
  searchResultsOther: '{count} resultaten',
  /** `{query}` is what was typed. */
  searchNoResults: 'Niets gevonden voor “{query}”',
  searchFailed: 'Zoeken lukt nu niet.',
  /** The 404 page, which a host shows for an address that leads nowhere. */
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: 'Deze pagina bestaat niet (meer): misschien is ze verplaatst, of is het adres niet goed overgenomen.'
}

/** The names of the labels: what a theme's `labels` may set. */
export type LabelKey = keyof typeof nl

/** One language's labels: every key, each a text. */
export type Labels = Record<LabelKey, string>

const en: Labels = {
  cardLabel: 'Knowledge card',
  contents: 'Contents',
  literature: 'References',
  contact: 'Contact',
  tips: 'Tips',
  theme: 'Theme',
  page: 'page',
  pageOfPages: 'page {page} of {pages}',
  previous: 'Previous',
  next: 'Next',
  overview: 'Overview',
  themesNavigation: 'Themes',
  skipToContent: 'Skip to content',
  allCards: 'All knowledge cards',
  cardsTitle: 'Knowledge cards',
  publishedBy: 'Published by',
  madeWith: 'Made with kenniskaart',
  figurePending: 'Figure',
  fromCard: 'From the knowledge card',
  downloads: 'Downloads',
  wholeCardPdf: 'The whole card',
  pdf: 'PDF',
  themeCountOne: '{count} theme',
  themeCountOther: '{count} themes',
  contactPhone: 'Phone',
  contactEmail: 'Email',
  contactWebsite: 'Website',
  contactVisit: 'Visiting address',
  contactPost: 'Postal address',
  search: 'Search',
  searchPlaceholder: 'Search the knowledge cards',
  searchThisCard: 'Only in this card',
  searchResultsOne: '{count} result',
  searchResultsOther: '{count} results',
  searchNoResults: 'Nothing found for “{query}”',
  searchFailed: 'Search is not available right now.',
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist (any more): it may have moved, or the address was not copied right.'
}

/** The label tables kenniskaart ships, by primary language subtag. */
export const labelTables: Readonly<Record<string, Labels>> = {nl, en}

/** The languages with a label table. */
export const labelLanguages = Object.keys(labelTables)

/** Every label key, in table order. */
export const labelKeys = Object.keys(nl) as LabelKey[]

/** The language whose labels a card gets when its own has no table. */
export const fallbackLanguage = 'nl'

/** The table for a BCP 47 tag (`en-GB` → `en`), or undefined when kenniskaart has none. */
export function labelLanguageOf(lang: string): string | undefined {
  const primary = primaryLanguage(lang)
  return Object.hasOwn(labelTables, primary) ? primary : undefined
}

/** Overrides of single labels, per language, as a visual theme gives them. */
export type LabelOverrides = Readonly<Record<string, Readonly<Partial<Record<LabelKey, string>>>>>

/** The primary language subtag of a BCP 47 tag: `nl-BE` → `nl`. */
export function primaryLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? ''
}

/**
 * The labels for a card in `lang`: its language's table (Dutch when there
 * is none), with the visual theme's labels for that language on top. A
 * theme may so give a language kenniskaart has no table for.
 */
export function labelsFor(lang: string, overrides: LabelOverrides = {}): Labels {
  const primary = primaryLanguage(lang)
  const own = Object.hasOwn(overrides, primary) ? overrides[primary] : undefined
  return {...labelTables[labelLanguageOf(lang) ?? fallbackLanguage]!, ...own}
}

/** Fill `{name}` placeholders of a label. */
export function fillLabel(label: string, values: Readonly<Record<string, string | number>>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole))
}

/** "1 thema", "2 thema's": the count in the plural form the language's rules pick. */
export function themeCount(labels: Labels, lang: string, count: number): string {
  let category: Intl.LDMLPluralRule
  try {
    category = new Intl.PluralRules(primaryLanguage(lang)).select(count)
  } catch {
    category = new Intl.PluralRules(fallbackLanguage).select(count)
  }
  return fillLabel(category === 'one' ? labels.themeCountOne : labels.themeCountOther, {count})
}

/** The label of a contact key (`phone`, `email`, …); an unknown key is shown as it is written. */
export function contactLabel(labels: Labels, key: string): string {
  const labelKey = contactLabelKeys[key]
  return labelKey === undefined ? key : labels[labelKey]
}

// The key comes from content: no prototype, so `constructor` or `toString` is no label
const contactLabelKeys: Readonly<Record<string, LabelKey>> = Object.assign(Object.create(null) as Record<string, LabelKey>, {
  phone: 'contactPhone',
  email: 'contactEmail',
  website: 'contactWebsite',
  visit: 'contactVisit',
  post: 'contactPost'
})
