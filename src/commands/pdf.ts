import path from 'node:path'
import {cardPublication, handoutPublication} from '../card/publication.js'
import {loadContent} from '../content/load-content.js'
import type {PageSize} from '../content/schema.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {checkPdfTarget, writePdfFile} from '../output/write-pdf-file.js'
import {renderPublications} from '../pdf/render-publications.js'
import {closeStartedBrowser, startBrowser} from '../pdf/start-browser.js'
import {escapeTerminal} from '../report/escape-terminal.js'
import {collectFindings, type FindingsFormat} from '../report/findings.js'
import {createProgress} from '../report/progress.js'
import {renderSite} from '../render/site.js'
import {suggest} from '../report/suggest.js'
import {reportContent} from './report-content.js'
import {checkThemeOption} from './theme-option.js'

export interface PdfCommandOptions {
  content: string
  themes?: string
  size: PageSize
  out?: string
  /** Replace an existing `--out` file that is not a PDF kenniskaart wrote. */
  force?: boolean
  browser?: string
  pdfTimeout?: number
  format: FindingsFormat
  strict: boolean
  /** No progress and no summary line; findings are still printed. */
  quiet?: boolean
  /** Also print per-stage timings and the browser used. */
  verbose?: boolean
  /** `--theme`: a visual theme instead of the card's own. */
  theme?: string
}

/** `kenniskaart pdf <card>`: the whole card, or a handout of some themes, as one PDF. */
export async function pdfCommand(cardSlug: string, options: PdfCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  const themeSlugs = options.themes?.split(',').map((slug) => slug.trim()).filter(Boolean)
  const defaultName = `${[cardSlug, ...(themeSlugs ?? [])].join('-')}.pdf`
  if (options.theme !== undefined) await checkThemeOption(options.theme, options.content)
  const out = await checkPdfTarget({out: options.out ?? defaultName, content: options.content, force: options.force ?? false})
  const progress = createProgress({stream: process.stderr, quiet: options.quiet, verbose: options.verbose})
  const timed = async <T>(stage: string, work: Promise<T>): Promise<T> => {
    const stageStarted = performance.now()
    const result = await work
    progress.timing(stage, performance.now() - stageStarted)
    return result
  }
  // The browser starts while the content is read
  const browser = startBrowser(options.browser, {onFound: (found) => progress.detail(`Printing with ${found.executablePath} (found by ${found.foundBy})`)})
  const {cards, files} = await timed('read and check the content', loadContent(options.content, {card: cardSlug, visualTheme: options.theme})).catch(async (error: unknown) => {
    await closeStartedBrowser(browser)
    throw error
  })
  const card = cards[0]
  const findings = collectFindings(files)
  const stopsHere = findings.some((finding) => finding.severity === 'error') || (options.strict && findings.length > 0)
  if (stopsHere || !card) {
    await closeStartedBrowser(browser)
    reportContent(files, {format: options.format, strict: options.strict})
    process.stderr.write('No PDF was written: fix the findings above and try again.\n')
    return ExitCode.contentErrors
  }

  const unknownThemes = (themeSlugs ?? []).filter((slug) => !card.themes.some((theme) => theme.slug === slug))
  if (unknownThemes.length > 0) {
    await closeStartedBrowser(browser)
    throw unknownThemesError(card.slug, unknownThemes, card.themes.map((theme) => theme.slug))
  }

  let publication
  try {
    publication = themeSlugs
      ? handoutPublication(card, {slug: `${card.slug}-${themeSlugs.join('-')}`, themes: themeSlugs, size: options.size})
      : cardPublication(card, options.size)
  } catch (error) {
    await closeStartedBrowser(browser)
    throw error
  }
  const site = await timed('lay out the pages', renderSite([card]))
  progress.start('pdfs', 1)
  const onPrinted = () => progress.advance('pdfs', publication.slug)
  const printing = renderPublications([publication], site, {browser, timeoutSeconds: options.pdfTimeout, findingFiles: files, onPrinted})
  const [printed] = await timed('print the PDF', printing).finally(() => {
    progress.done()
    return closeStartedBrowser(browser)
  })
  // Printing may add findings (blocked requests): all are reported once, here
  const report = reportContent(files, {format: options.format, strict: options.strict})
  if (!printed || report.failed) return ExitCode.contentErrors

  await timed('write the PDF', writePdfFile(out, printed.contents))
  if (options.quiet) return ExitCode.ok
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  process.stderr.write(`${escapeTerminal(`Wrote ${path.relative(process.cwd(), out)} (${printed.pageCount} pages, ${publication.size}, ${publication.sources.length} sources) in ${seconds} s`)}\n`)
  return ExitCode.ok
}

/** `--themes` naming a theme the card does not have: a mistake in the call, with the likely slug. */
function unknownThemesError(cardSlug: string, unknown: string[], known: string[]): CliError {
  const suggestions = unknown.flatMap((slug) => {
    const meant = suggest(slug, known)
    return meant === undefined ? [] : [`\`${meant}\` for \`${slug}\``]
  })
  const list = `Its themes are: ${known.join(', ')}.`
  return new CliError(`Card \`${cardSlug}\` has no theme ${unknown.map((slug) => `\`${slug}\``).join(', ')}`, {
    exitCode: ExitCode.usage,
    hint: suggestions.length > 0 ? `Did you mean ${suggestions.join(', ')}? ${list}` : list
  })
}
