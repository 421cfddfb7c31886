import {existsSync} from 'node:fs'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {type Publication, publicationPath} from '../card/publication.js'
import type {EnginePdfOptions, SiteBuildResult} from '../engine/build-site.js'
import {cardKey} from '../engine/keys.js'
import {readManifest, unchangedOutput, writeManifest} from '../engine/unchanged-output.js'
import {diskCache, noCache} from '../engine/cache-store.js'
import {checkCacheDir, defaultCacheDir} from '../engine/cache-dir.js'
import {toolId} from '../engine/keys.js'
import {ExitCode, type ExitCodeValue} from '../errors.js'
import {recoverLeftovers} from '../output/recover-leftovers.js'
import {checkOutputDir, openOutput, outputMarker} from '../output/write-output.js'
import {browserIdentity} from '../pdf/browser-identity.js'
import type {IndexEntry} from '../render/site.js'
import {escapeTerminal} from '../report/escape-terminal.js'
import type {FindingsFormat} from '../report/findings.js'
import {createProgress, type Progress} from '../report/progress.js'
import {parseSiteAddress} from '../site/address.js'
import {isSiteWidePath, siteWideFiles} from '../site/site-wide.js'
import {reportContent} from './report-content.js'
import {checkThemeOption} from './theme-option.js'

export interface BuildCommandOptions {
  content: string
  out: string
  pdf: boolean
  force: boolean
  format: FindingsFormat
  strict: boolean
  card?: string
  browser?: string
  pdfTimeout?: number
  /** The cache folder; `false` (`--no-cache`) builds without one. */
  cache?: boolean
  cacheDir?: string
  /** Threads for the Markdown work (see `--threads`); all cores when the build is large enough, by default. */
  threads?: number
  /** No progress and no summary line; findings are still printed. */
  quiet?: boolean
  /** Also print per-stage timings, cache hits and the browser used. */
  verbose?: boolean
  /** `--theme`: a visual theme for every card instead of its own. */
  theme?: string
  /** `--base`: the path the site is served under (see `parseSiteAddress`). */
  base?: string
  /** `--site-url`: the site's public address. */
  siteUrl?: string
}

/** `kenniskaart build`: check and render card by card into a new output folder, then swap it in. */
export async function buildCommand(options: BuildCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  const address = parseSiteAddress({base: options.base, siteUrl: options.siteUrl})
  const out = await checkOutputDir({outDir: options.out, contentDir: options.content, force: options.force})
  if (options.theme !== undefined) await checkThemeOption(options.theme, options.content)
  reportRecovered(await recoverLeftovers(out))
  // The build's own earlier output, to read PDFs and other cards from; never a folder of someone else's
  const ownOutput = existsSync(path.join(out, outputMarker))
  const previous = (relative: string) => (ownOutput ? readFile(path.join(out, ...relative.split('/'))).catch(() => undefined) : Promise.resolve(undefined))
  const card = options.card
  const tool = await toolId()
  const cacheDir = options.cache === false ? undefined : options.cacheDir === undefined ? defaultCacheDir() : path.resolve(options.cacheDir)
  if (cacheDir !== undefined) await checkCacheDir(cacheDir, {content: options.content, out})
  const cache = cacheDir === undefined ? noCache() : await diskCache(cacheDir, tool)
  for (const warning of cache.warnings.splice(0)) process.stderr.write(`kenniskaart: ${escapeTerminal(warning)}\n`)
  const progress = createProgress({stream: process.stderr, quiet: options.quiet, verbose: options.verbose})
  progress.detail(cacheDir === undefined ? 'No cache' : `Cache: ${cacheDir}`)

  // Nothing changed since the last build into this folder: nothing to write, the findings are the cache's
  // Only a cache in use on disk keeps what was written (a folder that is not the cache is left alone)
  const manifestDir = card === undefined ? cache.dir : undefined
  const settings = manifestDir === undefined ? undefined : await buildSettings(options, out)
  if (settings !== undefined && manifestDir !== undefined && ownOutput) {
    const manifest = await readManifest(manifestDir, out)
    const unchanged =
      manifest &&
      (await unchangedOutput({
        contentDir: options.content,
        outDir: out,
        manifest,
        tool,
        settings,
        cache,
        cardKey: (folder, downloads) => cardKey(folder, {contentDir: path.resolve(options.content), downloads, withPrintKeys: options.pdf, tool, visualTheme: options.theme, address})
      }))
    if (unchanged) {
      progress.detail('The content, visual themes, images and output are as the last build left them: nothing to write')
      return finish(unchanged.files, {cards: unchanged.manifest.cards.length, pages: unchanged.manifest.pages, pdfs: unchanged.manifest.pdfs, keptPdfs: unchanged.manifest.keptPdfs}, undefined)
    }
  }

  // A build of one card replaces that card's folder and the index; the rest of the output stays as it was
  const keepPrevious = card === undefined || !ownOutput ? undefined : (file: string) => !file.startsWith(`${card}/`) && !isSiteWidePath(file)
  const output = await openOutput({outDir: options.out, contentDir: options.content, force: options.force, keepPrevious})
  // The engine and the Markdown pipeline are loaded only now: a build with nothing to write does without them
  const {buildSite} = await import('../engine/build-site.js')
  let result: SiteBuildResult
  try {
    result = await buildSite({
      contentDir: options.content,
      card,
      cache,
      cacheDir,
      tool,
      write: (file) => output.write(file),
      pdf: options.pdf ? pdfOptions(options, previous, progress) : false,
      keptPdfs: async (slug) => keptPdfsOf(out, ownOutput, slug),
      workers: options.threads ?? 'auto',
      visualTheme: options.theme,
      address,
      otherIndexEntries: card === undefined || !ownOutput ? undefined : () => otherCards(options.content, card, out),
      events: {
        cardsFound: (total) => progress.start('cards', total),
        cardDone: (slug) => progress.advance('cards', slug),
        pdfsFound: (count) => progress.add('pdfs', count),
        pdfDone: (pdf) => progress.advance('pdfs', pdf)
      }
    })
  } catch (error) {
    progress.done()
    await output.abandon()
    throw error
  }
  progress.timing('check, make and write the cards', performance.now() - started)
  if (options.pdf) progress.timing('print the PDFs', result.printMs)
  progress.done()
  const {hits, misses} = result.cardResults
  progress.detail(`Cards from the cache: ${hits} of ${hits + misses}; files made again: ${result.fileResults.misses}; PDFs from the cache: ${result.pdfs.filter((pdf) => pdf.fromCache).length} of ${result.pdfs.length}`)
  for (const warning of result.cacheWarnings) process.stderr.write(`kenniskaart: ${escapeTerminal(warning)}\n`)
  const summary = {cards: result.cards.length, pages: result.pages, pdfs: result.pdfs, keptPdfs: result.keptPdfs}
  return finish(result.files, summary, async () => {
    if (result.failed) return false
    const committing = performance.now()
    // What spans every card is made from the whole output: the cards built, and those kept
    await output.carryOver()
    for (const file of await siteWideFiles({cards: result.cards, address, files: () => output.staged()})) await output.write(file)
    await output.commit()
    progress.timing('put the new output in place', performance.now() - committing)
    // What this output was made from, so the next build can tell nothing changed
    if (settings !== undefined && manifestDir !== undefined && result.signatures) {
      const pdfs = summary.pdfs.map(({path: pdfPath, pageCount}) => ({path: pdfPath, pageCount}))
      await writeManifest(manifestDir, out, {tool, settings, cards: result.signatures, pages: summary.pages, pdfs, keptPdfs: summary.keptPdfs}).catch(() => undefined)
    }
    return true
  }, () => output.abandon())

  /**
   * Report the findings; then put the output in place (`commit`, false when
   * the build failed) and say what was built, or throw it away.
   */
  async function finish(
    files: SiteBuildResult['files'],
    built: {cards: number; pages: number; pdfs: Array<{path: string; pageCount: number}>; keptPdfs: string[]},
    commit: (() => Promise<boolean>) | undefined,
    abandon: () => Promise<void> = async () => {}
  ): Promise<ExitCodeValue> {
    const report = reportContent(files, {format: options.format, strict: options.strict})
    if (!report.failed && (!commit || (await commit()))) return summarize(built)
    await abandon()
    process.stderr.write(`Nothing was written: fix the ${report.errors > 0 ? 'errors' : 'warnings'} above and build again.\n`)
    return ExitCode.contentErrors
  }

  /** The summary line (and the note on kept PDFs). */
  function summarize(built: {cards: number; pages: number; pdfs: Array<{path: string; pageCount: number}>; keptPdfs: string[]}): ExitCodeValue {
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
    if (built.keptPdfs.length > 0) {
      const they = built.keptPdfs.length === 1 ? 'it was' : 'they were'
      process.stderr.write(`Kept ${plural(built.keptPdfs.length, 'PDF')} from the previous build; ${they} not reprinted (build without --no-pdf to print again).\n`)
    }
    const pdfs = options.pdf ? `, ${plural(built.pdfs.length, 'PDF')} (${built.pdfs.map((pdf) => `${pdf.path}: ${plural(pdf.pageCount, 'page')}`).join('; ')})` : ''
    if (options.quiet) return ExitCode.ok
    const target = path.relative(process.cwd(), path.resolve(options.out)) || '.'
    process.stderr.write(`${escapeTerminal(`Built ${plural(built.cards, 'card')}, ${plural(built.pages, 'web page')}${pdfs} in ${seconds} s → ${target}`)}\n`)
    return ExitCode.ok
  }
}

/** The settings of a build that change its output, as one string: printing or not, the browser, the PDFs' date, the content folder, the site's address. */
async function buildSettings(options: BuildCommandOptions, out: string): Promise<string> {
  const address = parseSiteAddress({base: options.base, siteUrl: options.siteUrl})
  const browser = options.pdf ? await import('../pdf/find-browser.js').then(async ({findBrowser}) => browserIdentity((await findBrowser(options.browser)).executablePath)) : undefined
  return JSON.stringify({pdf: options.pdf, browser, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ?? null, content: path.resolve(options.content), out, theme: options.theme ?? null, base: address.base, siteUrl: address.siteUrl ?? null})
}

/** Printing: the browser starts only when a PDF is not in the cache. */
function pdfOptions(options: BuildCommandOptions, previous: (relative: string) => Promise<Uint8Array | undefined>, progress: Progress): EnginePdfOptions {
  let found: Promise<{executablePath: string}> | undefined
  const browserFound = () => (found ??= import('../pdf/find-browser.js').then(({findBrowser}) => findBrowser(options.browser)))
  return {
    browser: async () =>
      (await import('../pdf/start-browser.js')).startBrowser(options.browser, {onFound: (found) => progress.detail(`Printing with ${found.executablePath} (found by ${found.foundBy})`)}),
    browserIdentity: async () => browserIdentity((await browserFound()).executablePath),
    timeoutSeconds: options.pdfTimeout,
    previousPdf: (publication: Publication) => previous(publicationPath(publication))
  }
}

/** The PDFs of a card in the previous output (the whole card's and its handouts'), to keep when not printing. */
async function keptPdfsOf(out: string, ownOutput: boolean, slug: string): Promise<Map<string, Uint8Array>> {
  const kept = new Map<string, Uint8Array>()
  if (!ownOutput) return kept
  const candidates = [`${slug}/${slug}.pdf`, ...(await readdir(path.join(out, slug, 'handouts')).catch(() => [])).filter((name) => name.endsWith('.pdf')).map((name) => `${slug}/handouts/${name}`)]
  for (const relative of candidates) {
    const contents = await readFile(path.join(out, ...relative.split('/'))).catch(() => undefined)
    if (contents) kept.set(relative, contents)
  }
  return kept
}

/**
 * With `--card`: the other cards the index page still lists, those whose
 * pages are in the output. Their titles, labels and theme counts come from
 * the content (read again, its findings not reported: they belong to
 * builds of those cards).
 */
async function otherCards(contentDir: string, built: string, out: string): Promise<IndexEntry[]> {
  const [{loadContent}, {indexEntry}] = await Promise.all([import('../content/load-content.js'), import('../render/site.js')])
  const {cards} = await loadContent(contentDir)
  return cards.filter((card) => card.slug !== built && existsSync(path.join(out, card.slug, 'index.html'))).map(indexEntry)
}

/** Say what was cleaned up after a build that was killed. */
function reportRecovered(recovered: Awaited<ReturnType<typeof recoverLeftovers>>): void {
  const shown = (file: string) => escapeTerminal(path.relative(process.cwd(), file) || file)
  if (recovered.restored) process.stderr.write(`Restored the previous output from ${shown(recovered.restored)}, left by a build that was stopped.\n`)
  if (recovered.removed.length > 0) {
    process.stderr.write(`Removed ${recovered.removed.length} leftover folder(s) of builds that were stopped: ${recovered.removed.map(shown).join(', ')}\n`)
  }
}
