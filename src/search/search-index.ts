import {CliError} from '../errors.js'
import {primaryLanguage} from '../labels.js'
import type {OutputFile} from '../output/output-file.js'
import {checkPagefindProgram} from './pagefind-program.js'

/** The folder of the search index in the output, beside the site's index page. */
export const searchIndexFolder = 'pagefind/'

/**
 * The parts of Pagefind's bundle the site's search uses: its API module
 * (not its web worker: the search client runs it in the page, under the
 * page's Content-Security-Policy), the index's entry, and per language the metadata, the word
 * index, the filters, the pages' fragments and the WebAssembly of the
 * language's stemmer. Pagefind's ready-made interfaces (`pagefind-ui.js`
 * and others) and the playground are left out: the site has its own box
 * (client/search.js).
 */
const usedFiles = /^(?:pagefind\.js|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|(?:index|filter|fragment)\/[^/]+)$/

/** Whether a path of the output belongs to the search (the index or the search client): made anew over the whole output by every build. */
export function isSearchPath(filePath: string): boolean {
  return filePath.startsWith(searchIndexFolder) || /^assets\/search\.[\da-f]{10}\.js$/.test(filePath)
}

/**
 * The search index of a site, made by Pagefind from the site's pages: its
 * files under `pagefind/`, in memory (nothing is written outside the output).
 * Only pages with a main content marked for search (`data-pagefind-body`,
 * the card and theme pages) are read, in path order, so the same pages give
 * the same bytes. Each page is indexed in its own language (`<html lang>`):
 * Pagefind stems the words of the languages it knows (Dutch, English and
 * others) and makes one index per language; the search box asks the one of
 * the page it is on. Regional variants share their language's index (see
 * `inPrimaryLanguage`).
 */
export async function searchIndexFiles(files: AsyncIterable<OutputFile>): Promise<OutputFile[]> {
  const pages: Array<{url: string; content: string}> = []
  for await (const file of files) {
    if (!file.path.endsWith('.html')) continue
    const content = typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8')
    if (!content.includes('data-pagefind-body')) continue
    pages.push({url: `/${file.path.replace(/(?:^|(?<=\/))index\.html$/, '')}`, content: inPrimaryLanguage(content)})
  }
  pages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  if (pages.length === 0) return []
  await checkPagefindProgram()

  const pagefind = await import('pagefind').catch((error: unknown) => {
    throw searchFailed('Pagefind, which makes the search index, could not be loaded', error)
  })
  try {
    const created = await pagefind.createIndex({}).catch((error: unknown) => {
      throw searchFailed('Pagefind, which makes the search index, could not be started', error)
    })
    const index = created.index
    if (!index || created.errors.length > 0) throw searchFailed(`Pagefind could not make a search index: ${created.errors.join('; ')}`)
    for (const page of pages) {
      const added = await index.addHTMLFile(page)
      if (added.errors.length > 0) throw searchFailed(`Pagefind could not index ${page.url}: ${added.errors.join('; ')}`)
    }
    const made = await index.getFiles()
    if (made.errors.length > 0) throw searchFailed(`Pagefind could not write the search index: ${made.errors.join('; ')}`)
    await index.deleteIndex()
    // The stemmers of the languages the index has; Pagefind also gives one for languages it has none for, which no index then uses
    const entry = made.files.find((file) => file.path === 'pagefind-entry.json')
    const languages = entry ? (JSON.parse(Buffer.from(entry.content).toString('utf8')) as {languages?: Record<string, {wasm?: string}>}).languages : undefined
    const stemmers = new Set(Object.values(languages ?? {}).map((language) => `wasm.${language.wasm ?? 'unknown'}.pagefind`))
    return made.files
      .filter((file) => usedFiles.test(file.path) && (!file.path.startsWith('wasm.') || stemmers.has(file.path)))
      .map((file) => ({path: `${searchIndexFolder}${file.path}`, contents: file.content}))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    // Pagefind's program runs beside this one until it is closed
    await pagefind.close()
  }
}

/**
 * A page as Pagefind should read it: in its primary language (`nl-BE` →
 * `nl`), so the cards in Flemish and in Dutch are one index, which the
 * search finds from either (Pagefind takes `nl` for a page in `nl-BE` when
 * there is no `nl-be` index).
 */
function inPrimaryLanguage(html: string): string {
  return html.replace(/^(<!doctype html><html lang=")([^"]*)"/i, (_whole, start: string, lang: string) => `${start}${primaryLanguage(lang)}"`)
}

function searchFailed(message: string, cause?: unknown): CliError {
  const reason = cause instanceof Error ? `: ${cause.message.split('\n')[0]}` : ''
  return new CliError(`${message}${reason}`, {hint: 'Build without the search (--no-search) to publish the site without it.', cause})
}
