import {existsSync} from 'node:fs'
import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {type Publication, publicationPath} from '../card/publication.js'
import type {EnginePdfOptions, SiteBuildResult} from '../engine/build-site.js'
import {cardKey} from '../engine/keys.js'
import {readManifest, unchangedOutput, writeManifest} from '../engine/unchanged-output.js'
import {diskCache, noCache} from '../engine/cache-store.js'
import {checkCacheDir, defaultCacheDir} from '../engine/cache-dir.js'
import {toolId} from '../engine/keys.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {recoverLeftovers} from '../output/recover-leftovers.js'
import {checkOutputDir, openOutput, outputMarker} from '../output/write-output.js'
import {browserIdentity} from '../pdf/browser-identity.js'
import type {IndexEntry} from '../render/site.js'
import {escapeTerminal} from '../report/escape-terminal.js'
import type {FindingsFormat} from '../report/findings.js'
import {createProgress, type Progress} from '../report/progress.js'
import {parseSiteAddress, type SiteAddress} from '../site/address.js'
import {type Shard, shardName} from '../site/shard.js'
import {type BuildSummary, buildSummaryText} from '../report/build-summary.js'
import {type SiteWideSettings, shardManifestPath, shardManifestText} from '../site/shard-manifest.js'
import {isPage, isSiteWidePath, siteWideFiles} from '../site/site-wide.js'
import {pageSearch} from '../search/search-script.js'
import {reportContent} from './report-content.js'
import {checkThemeOption} from './theme-option.js'

export interface BuildCommandOptions {
  content: string
  out: string
  pdf: boolean
  /** The search index and the pages' search box; `false` (`--no-search`) leaves them out. */
  search?: boolean
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
  /** `--shard i/n`: build only this share of the cards, for `merge` to join. */
  shard?: Shard
  /** `--base`: the path the site is served under (see `parseSiteAddress`). */
  base?: string
  /** `--site-url`: the site's public address. */
  siteUrl?: string
}

/**
 * `kenniskaart build`: check and render card by card into a new output
 * folder, then swap it in. With `--format json`, stdout gets one summary
 * (see `BuildSummary`), also when the call or the environment stops the
 * build; everything else goes to stderr.
 */
export async function buildCommand(options: BuildCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  try {
    return await runBuild(options, started)
  } catch (error) {
    if (options.format === 'json' && error instanceof CliError) {
      const summary = emptySummary(options, error.exitCode, started)
      process.stdout.write(buildSummaryText({...summary, error: {message: error.message, ...(error.hint ? {hint: error.hint} : {})}}))
    }
    throw error
  }
}

async function runBuild(options: BuildCommandOptions, started: number): Promise<ExitCodeValue> {
  const timings: Record<string, number> = {}
  const address = parseSiteAddress({base: options.base, siteUrl: options.siteUrl})
  const out = await checkOutputDir({outDir: options.out, contentDir: options.content, force: options.force})
  if (options.theme !== undefined) await checkThemeOption(options.theme, options.content)
  reportRecovered(await recoverLeftovers(out))
  // The build's own earlier output, to read PDFs and other cards from; never a folder of someone else's
  const ownOutput = existsSync(path.join(out, outputMarker))
  const previous = (relative: string) => (ownOutput ? readFile(path.join(out, ...relative.split('/'))).catch(() => undefined) : Promise.resolve(undefined))
  const card = options.card
  const tool = await toolId()
  const search = await pageSearch(options.search !== false)
  const cacheDir = options.cache === false ? undefined : options.cacheDir === undefined ? defaultCacheDir() : path.resolve(options.cacheDir)
  if (cacheDir !== undefined) await checkCacheDir(cacheDir, {content: options.content, out})
  const cache = cacheDir === undefined ? noCache() : await diskCache(cacheDir, tool)
  for (const warning of cache.warnings.splice(0)) process.stderr.write(`kenniskaart: ${escapeTerminal(warning)}\n`)
  const shownProgress = createProgress({stream: process.stderr, quiet: options.quiet, verbose: options.verbose})
  // Each stage's time is kept for the JSON summary too
  const progress: Progress = {...shownProgress, timing: (stage, ms) => {
    timings[stage] = Math.round(ms)
    shownProgress.timing(stage, ms)
  }}
  progress.detail(cacheDir === undefined ? 'No cache' : `Cache: ${cacheDir}`)

  // Nothing changed since the last build into this folder: nothing to write, the findings are the cache's
  // Only a cache in use on disk keeps what was written (a folder that is not the cache is left alone)
  const manifestDir = card === undefined ? cache.dir : undefined
  const settings = manifestDir === undefined ? undefined : await buildSettings(options, out, address)
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
        cardKey: (folder, downloads) => cardKey(folder, {contentDir: path.resolve(options.content), downloads, withPrintKeys: options.pdf, tool, visualTheme: options.theme, search, address})
      }))
    if (unchanged) {
      progress.detail('The content, visual themes, images and output are as the last build left them: nothing to write')
      const pdfs = unchanged.manifest.pdfs.map((pdf) => ({...pdf, fromCache: true}))
      return finish(unchanged.files, {cards: unchanged.manifest.index ?? unchanged.manifest.cards.map(({slug}) => ({slug, title: '', themes: 0})), pages: unchanged.manifest.pages, pdfs, keptPdfs: unchanged.manifest.keptPdfs}, undefined)
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
      shard: options.shard,
      cache,
      cacheDir,
      tool,
      write: (file) => output.write(file),
      pdf: options.pdf ? pdfOptions(options, previous, progress) : false,
      keptPdfs: async (slug) => keptPdfsOf(out, ownOutput, slug),
      workers: options.threads ?? 'auto',
      visualTheme: options.theme,
      search,
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
  const summary: Built = {cards: result.cards.map(cardOfSummary), pages: result.pages, pdfs: result.pdfs, keptPdfs: result.keptPdfs}
  return finish(result.files, summary, async () => {
    if (result.failed) return false
    const committing = performance.now()
    // What spans every card is made from the whole output: the cards built, and those kept
    await output.carryOver()
    const siteWide: SiteWideSettings = {address, search: search !== undefined}
    if (options.shard) {
      // A shard's output holds what merge needs to make the site-wide files; merge makes them
      await output.write({path: shardManifestPath, contents: shardManifestText({format: 1, tool, shard: options.shard, allCards: result.allCards, cards: result.cards, siteWide})})
    } else {
      const files = await siteWideFiles({...siteWide, cards: result.listedCards, files: () => output.staged(isPage)}).catch(async (error: unknown) => {
        await output.abandon()
        throw error
      })
      for (const file of files) await output.write(file)
    }
    await output.commit()
    progress.timing('put the new output in place', performance.now() - committing)
    // What this output was made from, so the next build can tell nothing changed
    if (settings !== undefined && manifestDir !== undefined && result.signatures) {
      const pdfs = summary.pdfs.map(({path: pdfPath, pageCount}) => ({path: pdfPath, pageCount}))
      await writeManifest(manifestDir, out, {tool, settings, cards: result.signatures, index: summary.cards, pages: summary.pages, pdfs, keptPdfs: summary.keptPdfs}).catch(() => undefined)
    }
    return true
  }, () => output.abandon())

  /**
   * Report the findings; then put the output in place (`commit`, false when
   * the build failed) and say what was built, or throw it away.
   */
  async function finish(files: SiteBuildResult['files'], built: Built, commit: (() => Promise<boolean>) | undefined, abandon: () => Promise<void> = async () => {}): Promise<ExitCodeValue> {
    const json = options.format === 'json'
    const report = reportContent(files, {format: options.format, strict: options.strict, print: !json})
    let exitCode: ExitCodeValue = ExitCode.ok
    if (report.failed || (commit && !(await commit()))) {
      await abandon()
      const where = json ? 'in the summary on stdout' : 'above'
      process.stderr.write(`Nothing was written: fix the ${report.errors > 0 ? 'errors' : 'warnings'} ${where} and build again.\n`)
      exitCode = ExitCode.contentErrors
    } else {
      summarize(built)
    }
    if (json) {
      const pdfs = exitCode === ExitCode.ok ? await pdfSizes(out, built.pdfs) : []
      process.stdout.write(
        buildSummaryText({
          ...emptySummary(options, exitCode, started),
          ...(exitCode === ExitCode.ok ? {cards: built.cards, pages: built.pages, keptPdfs: built.keptPdfs} : {}),
          pdfs,
          errors: report.errors,
          warnings: report.warnings,
          findings: report.findings,
          timings: {...timings, total: Math.round(performance.now() - started)}
        })
      )
    }
    return exitCode
  }

  /** The summary line (and the note on kept PDFs). */
  function summarize(built: Built): void {
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
    if (built.keptPdfs.length > 0) {
      const they = built.keptPdfs.length === 1 ? 'it was' : 'they were'
      process.stderr.write(`Kept ${plural(built.keptPdfs.length, 'PDF')} from the previous build; ${they} not reprinted (build without --no-pdf to print again).\n`)
    }
    const pdfs = options.pdf ? `, ${plural(built.pdfs.length, 'PDF')} (${built.pdfs.map((pdf) => `${pdf.path}: ${plural(pdf.pageCount, 'page')}`).join('; ')})` : ''
    if (options.quiet) return
    const target = path.relative(process.cwd(), path.resolve(options.out)) || '.'
    const shard = options.shard ? ` (shard ${shardName(options.shard)})` : ''
    process.stderr.write(`${escapeTerminal(`Built ${plural(built.cards.length, 'card')}${shard}, ${plural(built.pages, 'web page')}${pdfs} in ${seconds} s → ${target}`)}\n`)
  }
}

/** What a build made, for its summary. */
interface Built {
  cards: BuildSummary['cards']
  pages: number
  pdfs: Array<{path: string; pageCount: number; fromCache: boolean}>
  keptPdfs: string[]
}

function cardOfSummary(entry: IndexEntry): BuildSummary['cards'][number] {
  return {slug: entry.slug, title: entry.title, themes: entry.themeCount}
}

/** The JSON summary of a build that made nothing (yet). */
function emptySummary(options: BuildCommandOptions, exitCode: number, started: number): BuildSummary {
  return {
    ok: exitCode === ExitCode.ok,
    exitCode,
    out: options.out,
    shard: options.shard ? shardName(options.shard) : null,
    cards: [],
    pages: 0,
    pdfs: [],
    keptPdfs: [],
    errors: 0,
    warnings: 0,
    findings: [],
    timings: {total: Math.round(performance.now() - started)}
  }
}

/** The PDFs written, with their sizes in the output as it now is. */
async function pdfSizes(out: string, pdfs: Built['pdfs']): Promise<BuildSummary['pdfs']> {
  const sized: BuildSummary['pdfs'] = []
  for (const pdf of pdfs) {
    const bytes = (await stat(path.join(out, ...pdf.path.split('/'))).catch(() => undefined))?.size ?? 0
    sized.push({path: pdf.path, pages: pdf.pageCount, bytes, fromCache: pdf.fromCache})
  }
  return sized
}

/** The settings of a build that change its output, as one string: printing or not, the browser, the PDFs' date, the content folder, the site's address. */
async function buildSettings(options: BuildCommandOptions, out: string, address: SiteAddress): Promise<string> {
  const browser = options.pdf ? await import('../pdf/find-browser.js').then(async ({findBrowser}) => browserIdentity((await findBrowser(options.browser)).executablePath)) : undefined
  return JSON.stringify({pdf: options.pdf, browser, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ?? null, content: path.resolve(options.content), out, theme: options.theme ?? null, shard: options.shard ?? null, search: options.search !== false, base: address.base, siteUrl: address.siteUrl ?? null})
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
