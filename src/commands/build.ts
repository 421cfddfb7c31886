import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {type Publication, publicationPath} from '../card/publication.js'
import {ExitCode, type ExitCodeValue} from '../errors.js'
import {recoverLeftovers} from '../output/recover-leftovers.js'
import {checkOutputDir, outputMarker, writeOutput} from '../output/write-output.js'
import {escapeTerminal} from '../report/escape-terminal.js'
import type {FindingsFormat} from '../report/findings.js'
import {createProgress} from '../report/progress.js'
import {reportContent} from './report-content.js'

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
  /** No progress and no summary line; findings are still printed. */
  quiet?: boolean
  /** Also print per-stage timings and the browser used. */
  verbose?: boolean
}

/** `kenniskaart build`: check, render in memory, then swap the output in. */
export async function buildCommand(options: BuildCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  const out = await checkOutputDir({outDir: options.out, contentDir: options.content, force: options.force})
  reportRecovered(await recoverLeftovers(out))
  // The build's own earlier output, to read PDFs and other cards from; never a folder of someone else's
  const ownOutput = existsSync(path.join(out, outputMarker))
  const previousPdf = (publication: Publication) =>
    ownOutput ? readFile(path.join(out, ...publicationPath(publication).split('/'))).catch(() => undefined) : Promise.resolve(undefined)
  // The browser starts first: it runs in its own process while Node loads and checks the content
  const progress = createProgress({stream: process.stderr, quiet: options.quiet, verbose: options.verbose})
  const launcher = options.pdf ? await import('../pdf/start-browser.js') : undefined
  const browser = launcher?.startBrowser(options.browser, {onFound: (found) => progress.detail(`Printing with ${found.executablePath} (found by ${found.foundBy})`)})
  const {build} = await import('../build.js')
  const card = options.card
  const building = build({
    contentDir: options.content,
    ...(card === undefined ? {} : {card, listInIndex: (slug: string) => ownOutput && existsSync(path.join(out, slug, 'index.html'))}),
    pdf: options.pdf ? {browserPath: options.browser, browser, timeoutSeconds: options.pdfTimeout, previousPdf} : false,
    keptPdf: options.pdf ? undefined : previousPdf,
    progress
  })
  const result = await building.finally(() => {
    progress.done()
    return launcher?.closeStartedBrowser(browser)
  })
  const report = reportContent(result.files, {format: options.format, strict: options.strict})
  if (result.failed || report.failed) {
    process.stderr.write(`Nothing was written: fix the ${report.errors > 0 ? 'errors' : 'warnings'} above and build again.\n`)
    return ExitCode.contentErrors
  }
  // A build of one card replaces that card's folder and the index; the rest of the output stays as it was
  const keepPrevious = card === undefined || !ownOutput ? undefined : (file: string) => !file.startsWith(`${card}/`)
  const writing = performance.now()
  await writeOutput(result.pages, {outDir: options.out, contentDir: options.content, force: options.force, keepPrevious})
  progress.timing('write the output', performance.now() - writing)

  const pages = result.pages.filter((file) => file.path.endsWith('.html')).length
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  if (result.keptPdfs.length > 0) {
    const they = result.keptPdfs.length === 1 ? 'it was' : 'they were'
    process.stderr.write(`Kept ${plural(result.keptPdfs.length, 'PDF')} from the previous build; ${they} not reprinted (build without --no-pdf to print again).\n`)
  }
  const pdfs = options.pdf ? `, ${plural(result.pdfs.length, 'PDF')} (${result.pdfs.map((pdf) => `${pdf.path}: ${plural(pdf.pageCount, 'page')}`).join('; ')})` : ''
  if (options.quiet) return ExitCode.ok
  const target = path.relative(process.cwd(), path.resolve(options.out)) || '.'
  process.stderr.write(`${escapeTerminal(`Built ${plural(result.cards.length, 'card')}, ${plural(pages, 'web page')}${pdfs} in ${seconds} s → ${target}`)}\n`)
  return ExitCode.ok
}

/** Say what was cleaned up after a build that was killed. */
function reportRecovered(recovered: Awaited<ReturnType<typeof recoverLeftovers>>): void {
  const shown = (file: string) => escapeTerminal(path.relative(process.cwd(), file) || file)
  if (recovered.restored) process.stderr.write(`Restored the previous output from ${shown(recovered.restored)}, left by a build that was stopped.\n`)
  if (recovered.removed.length > 0) {
    process.stderr.write(`Removed ${recovered.removed.length} leftover folder(s) of builds that were stopped: ${recovered.removed.map(shown).join(', ')}\n`)
  }
}
