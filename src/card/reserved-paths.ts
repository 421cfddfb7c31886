import {reservedCardSlugs} from '../content/card-slug.js'
import {outputMarker} from '../output/output-file.js'

/** What a card's generated files are named by: its slug, its themes' slugs, its handouts' slugs. */
export interface CardPathNames {
  slug: string
  themes: ReadonlyArray<{slug: string}>
  handouts: ReadonlyArray<{slug: string}>
}

/** A path of the output and what is written there, for findings. */
export interface OutputClaim {
  path: string
  what: string
}

/**
 * Every file kenniskaart itself writes at the top of the output, and the
 * folders that belong to it whole. Content never lands on one of these.
 */
export function siteOutputPaths(): {files: OutputClaim[]; folders: OutputClaim[]} {
  return {
    files: [
      {path: 'index.html', what: 'the index page of the site'},
      {path: '404.html', what: 'the page a host shows for an address that leads nowhere'},
      {path: 'sitemap.xml', what: 'the sitemap'},
      {path: 'robots.txt', what: 'the rules for crawlers'},
      {path: outputMarker, what: 'the marker of the output folder'}
    ],
    folders: reservedCardSlugs.map((name) => ({path: name, what: `the output's \`${name}/\` folder`}))
  }
}

/**
 * Every file kenniskaart writes for one card: its page and stylesheet,
 * each theme's page, its PDF, each handout's PDF, and the print documents
 * the printer is served. This is the one list of a card's generated paths;
 * `test/card/reserved-paths.test.ts` holds the site and print renderers to it.
 */
export function cardOutputPaths(card: CardPathNames): OutputClaim[] {
  const base = card.slug
  return [
    {path: `${base}/index.html`, what: 'the card page'},
    {path: `${base}/card.css`, what: 'the card\'s stylesheet'},
    ...card.themes.map((theme) => ({path: `${base}/${theme.slug}/index.html`, what: `the page of theme \`${theme.slug}\``})),
    {path: `${base}/${card.slug}.pdf`, what: 'the card\'s PDF'},
    ...card.handouts.map((handout) => ({path: `${base}/handouts/${handout.slug}.pdf`, what: `the PDF of handout \`${handout.slug}\``})),
    {path: `${base}/print-card-${card.slug}.html`, what: 'the print document of the card'},
    {path: `${base}/print-card-${card.slug}.css`, what: 'the print stylesheet of the card'},
    ...card.handouts.flatMap((handout) => [
      {path: `${base}/print-handout-${handout.slug}.html`, what: `the print document of handout \`${handout.slug}\``},
      {path: `${base}/print-handout-${handout.slug}.css`, what: `the print stylesheet of handout \`${handout.slug}\``}
    ])
  ]
}

/**
 * The paths of the output, each claimed once. A claim fails when its path
 * is taken, when a file is already where its folder would be (or the other
 * way round), or when it lies in a reserved folder. Paths are compared
 * after Unicode normalization and case folding: on macOS and Windows
 * `Index.html` and `index.html` are one file.
 */
export class OutputPaths {
  readonly #files = new Map<string, OutputClaim>()
  /** Every folder a claimed file needs, with the first file that needed it. */
  readonly #folders = new Map<string, OutputClaim>()
  readonly #reservedFolders = new Map<string, OutputClaim>()

  /** Reserve a folder whole: nothing may be claimed below it. */
  reserveFolder(claim: OutputClaim): void {
    this.#reservedFolders.set(foldKey(claim.path), claim)
  }

  /** Claim a path; returns the claim it clashes with, or `undefined` when the path is now this one's. */
  claim(claim: OutputClaim): OutputClaim | undefined {
    const key = foldKey(claim.path)
    const parts = key.split('/')
    const parents = parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'))
    const clash =
      this.#files.get(key) ??
      this.#folders.get(key) ??
      this.#reservedFolders.get(key) ??
      parents.map((parent) => this.#files.get(parent) ?? this.#reservedFolders.get(parent)).find((found) => found !== undefined)
    if (clash) return clash
    this.#files.set(key, claim)
    for (const parent of parents) if (!this.#folders.has(parent)) this.#folders.set(parent, claim)
    return undefined
  }
}

/**
 * The output paths of the site and of one card, claimed. A clash between
 * two generated files is a fault of kenniskaart itself (valid slugs cannot
 * make one), so it throws.
 */
export function claimGeneratedPaths(card: CardPathNames): OutputPaths {
  const paths = new OutputPaths()
  const site = siteOutputPaths()
  for (const folder of site.folders) paths.reserveFolder(folder)
  for (const claim of [...site.files, ...cardOutputPaths(card)]) {
    const clash = paths.claim(claim)
    if (clash) throw new Error(`Two generated files clash: ${claim.what} (${claim.path}) and ${clash.what} (${clash.path})`)
  }
  return paths
}

function foldKey(outputPath: string): string {
  return outputPath.normalize('NFC').toLowerCase()
}
