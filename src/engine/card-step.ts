import {VFile} from 'vfile'
import {assembleCard} from '../card/assemble-card.js'
import type {Card} from '../card/model.js'
import {cardPublication, handoutPublication, type Publication, publicationPath} from '../card/publication.js'
import {isInvalidKey} from '../content/frontmatter.js'
import {cardDraft, loadCardFile, type ThemeDraft, themeDraft} from '../content/load-files.js'
import type {CardFolder} from '../content/read-content.js'
import type {OutputFile} from '../output/output-file.js'
import type {IndexEntry, PageSearch} from '../render/site.js'
import {emitError} from '../report/emit.js'
import {suggest} from '../report/suggest.js'
import type {SiteAddress} from '../site/address.js'
import {type VisualTheme, visualThemeNames} from '../theme/load-visual-theme.js'
import type {CacheStore} from './cache-store.js'
import {applyFileResult, type FileResult, runFileStep} from './file-step.js'
import {type StoredMessage, storeMessage} from './stored-message.js'
import {fileKey} from './keys.js'
import {visualThemeLoads} from './visual-themes.js'

/** One content file of a card, as read: its text, or why there is none. */
export interface StepFile {
  path: string
  value: string
  /** False when the file could not be read; its findings are already on the reader's file. */
  readable: boolean
}

/** What the per-card step needs besides the card's files. */
export interface CardStepContext {
  contentDir: string
  /**
   * The PDFs the card page offers for download: every publication, or
   * those of these paths (kept from an earlier build).
   */
  downloads: 'all' | string[]
  /** Compute each publication's print key, to find its PDF in the cache. */
  withPrintKeys: boolean
  /** The tool build: results of another build are not reused. */
  tool: string
  /** A visual theme for every card, instead of the one its `theme:` names (`--theme`); the caller checked that it exists. */
  visualTheme?: string | undefined
  /** The site has search: the pages get the search box (see `build --no-search`). */
  search?: PageSearch | undefined
  /** Where the site is published (`--base`, `--site-url`): pages carry canonical URLs and share tags with a site URL. */
  address?: SiteAddress | undefined
}

/** A card folder as plain data, to run the per-card step in another thread. */
export interface CardStepInput extends CardStepContext {
  slug: string
  dir: string
  hasIndex: boolean
  index: StepFile
  themeFiles: StepFile[]
}

/** A publication of the card, as far as the build needs it without the card. */
export interface PublicationSummary {
  path: string
  /** What its print depends on (see print-key.ts); with `withPrintKeys` only. */
  printKey: string | undefined
}

/** The outcome of the per-card step, as plain data: what is cached per card. */
export interface CardStepResult {
  /** The findings of the content files (index first, then the theme files), per-file and per-card. */
  messages: StoredMessage[][]
  /** The visual theme the card asks for, by name; undefined when its frontmatter does not say (it is invalid). */
  visualTheme: string | undefined
  /** The images the card's files name, which the step read. */
  imageTargets: string[]
  /** Present when the card could be assembled without errors (and rendering was asked for): what the index page shows, its publications, its pages. */
  built: {entry: IndexEntry; publications: PublicationSummary[]; pages: OutputFile[]} | undefined
}

/** The per-card step on a card folder sent as plain data (see `cardStepInput`). */
export async function runCardStepOnData(input: CardStepInput, cache: CacheStore): Promise<CardStepResult> {
  const toFile = (stepFile: StepFile) => {
    const file = new VFile({path: stepFile.path, value: stepFile.value})
    file.data.readable = stepFile.readable
    return file
  }
  const folder: CardFolder = {slug: input.slug, dir: input.dir, index: toFile(input.index), hasIndex: input.hasIndex, themeFiles: input.themeFiles.map(toFile)}
  return (await runCardStep(folder, input, cache)).result
}

/** A card folder as plain data. */
export function cardStepInput(folder: CardFolder, context: CardStepContext): CardStepInput {
  const stepFile = (file: VFile): StepFile => ({path: file.path, value: file.data.readable ? String(file.value) : '', readable: file.data.readable === true})
  return {...context, slug: folder.slug, dir: folder.dir, hasIndex: folder.hasIndex, index: stepFile(folder.index), themeFiles: folder.themeFiles.map(stepFile)}
}

/**
 * The per-card step: each file through the per-file step (or from the
 * cache by its text), then the card put together, checked and laid out
 * as pages. The findings go on the folder's files; the result holds those
 * this step added. `keepCard` also returns the assembled card, to print.
 */
export async function runCardStep(
  folder: CardFolder,
  context: CardStepContext,
  cache: CacheStore,
  options: {keepCard?: boolean; render?: boolean} = {}
): Promise<{result: CardStepResult; card: Card | undefined}> {
  const input = context
  const {index, themeFiles} = folder
  const files = [index, ...themeFiles]
  const before = files.map((file) => file.messages.length)

  const [indexResult, ...themeResults] = await Promise.all([
    fileResult(index, 'card', input.tool, cache),
    ...themeFiles.map((file) => fileResult(file, 'theme', input.tool, cache))
  ])
  const draft = cardDraft(index, indexResult!.kind === 'card' ? indexResult!.draft : unreachable())
  const drafts = themeResults.flatMap((result, position) => (result?.kind === 'theme' && result.draft ? [themeDraft(themeFiles[position]!, result.draft)] : []))

  let theme: VisualTheme | undefined
  const themeName = input.visualTheme ?? (isInvalidKey(draft, 'theme') ? undefined : draft.meta.theme)
  if (themeName !== undefined) {
    const load = await visualThemeLoads(input.contentDir, themeName)
    if (load.kind === 'unknown') {
      const suggestion = suggest(themeName, await visualThemeNames(input.contentDir))
      emitError(index, 'frontmatter-invalid', load.reason, {
        place: draft.rangeAt(['theme']),
        hint: suggestion === undefined ? load.hint : `Did you mean \`theme: ${suggestion}\`?`
      })
    }
    // A broken theme has its findings on its own theme.json
    if (load.kind === 'loaded') theme = load.theme
  }
  const card = await assembleCard(folder, draft, drafts as ThemeDraft[], theme)
  const failed = files.some((file) => file.messages.some((message) => message.fatal))
  const canBuild = theme !== undefined && !isInvalidKey(draft, '*')
  const result: CardStepResult = {
    messages: files.map((file, position) => file.messages.slice(before[position]).map(storeMessage)),
    visualTheme: themeName,
    imageTargets: [...new Set(files.flatMap((file) => (file.data.images ?? []).map((image) => image.target)))],
    built: canBuild && !failed && options.render !== false ? await renderCard(card, input) : undefined
  }
  return {result, card: canBuild && options.keepCard ? card : undefined}
}

/** The card's publications: the whole card, then its handouts. */
export function publicationsOf(card: Card): Publication[] {
  return [cardPublication(card), ...card.handouts.map((handout) => handoutPublication(card, handout))]
}

/** Lay the card out as pages; the layout code is loaded only here, so `check` never loads it. */
async function renderCard(card: Card, input: CardStepContext): Promise<NonNullable<CardStepResult['built']>> {
  const [{indexEntry, renderCardPages}, {printKey}] = await Promise.all([import('../render/site.js'), import('../pdf/print-key.js')])
  const publications = publicationsOf(card)
  const offered = input.downloads === 'all' ? publications : publications.filter((publication) => input.downloads.includes(publicationPath(publication)))
  const pages = renderCardPages(card, offered, {search: input.search, address: input.address})
  for (const image of card.images) pages.push({path: `${card.slug}/${image.path}`, contents: image.contents})
  return {
    entry: indexEntry(card),
    publications: publications.map((publication) => ({
      path: publicationPath(publication),
      printKey: input.withPrintKeys ? printKey(publication, pages) : undefined
    })),
    pages
  }
}

/**
 * A file's per-file result: from the cache when a file of the same name
 * and text was done before by this tool build, else made and cached.
 * An unreadable file is not cached: there is nothing to parse.
 */
async function fileResult(file: VFile, kind: 'card' | 'theme', tool: string, cache: CacheStore): Promise<FileResult | undefined> {
  if (!file.data.readable) {
    // Its findings are the reader's; an index.md still gives a card draft that knows nothing
    return kind === 'theme'
      ? {kind, draft: undefined, messages: [], references: emptyReferences()}
      : {kind, draft: await loadCardFile(file), messages: [], references: emptyReferences()}
  }
  const value = String(file.value)
  const key = fileKey(tool, kind, file.basename ?? '', value)
  let result = (await cache.get('files', key)) as FileResult | undefined
  if (!result) {
    result = await runFileStep({kind, path: file.path, value})
    cache.set('files', key, result)
  }
  applyFileResult(file, result)
  return result
}

function emptyReferences(): FileResult['references'] {
  return {citations: [], inTextCitations: [], themeLinks: [], fragmentLinks: [], images: []}
}

function unreachable(): never {
  throw new Error('The per-file step of an index.md gives a card draft')
}
