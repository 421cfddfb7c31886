import path from 'node:path'
import type {Card} from '../card/model.js'
import {cardPublication, handoutPublication, type Publication} from '../card/publication.js'
import {loadContent} from '../content/load-content.js'
import type {Handout, PageSize} from '../content/schema.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {checkPdfTarget, writePdfFile} from '../output/write-pdf-file.js'
import {renderPublications} from '../pdf/render-publications.js'
import {bookletPdf} from '../pdf/booklet-pdf.js'
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
  /** `--handout`: a handout named in the card's frontmatter. */
  handout?: string
  /** `--title`: the title of an ad-hoc handout (with `themes`). */
  title?: string
  /** Explicit `--size`; else the handout's own size, else A4 (A5 for a booklet). */
  size?: PageSize
  /** Impose the A5 pages two-up on A4 landscape sheets in booklet order. */
  booklet?: boolean
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
  checkPdfOptions(options)
  const defaultName = `${[cardSlug, ...(options.handout ? [options.handout] : themeSlugs ?? []), ...(options.booklet ? ['booklet'] : [])].join('-')}.pdf`
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
    publication = choosePublication(card, themeSlugs, options)
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

  const booklet = options.booklet ? await timed('impose the booklet', bookletPdf(publication, printed.contents as Uint8Array)) : undefined
  await timed('write the PDF', writePdfFile(out, booklet?.contents ?? printed.contents))
  if (options.quiet) return ExitCode.ok
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const what = booklet
    ? `a booklet of ${booklet.pageCount} ${publication.size} pages on ${booklet.sides} A4 sides: print duplex, flip on short edge`
    : `${printed.pageCount} pages, ${publication.size}`
  process.stderr.write(`${escapeTerminal(`Wrote ${path.relative(process.cwd(), out)} (${what}, ${publication.sources.length} sources) in ${seconds} s`)}\n`)
  return ExitCode.ok
}

/**
 * Combinations commander cannot check: `--title` names a handout of
 * `--themes`, and a booklet is always of A5 pages (A4 pages shrunk onto
 * half an A4 sheet would print text at 71 %, too small to read).
 */
export function checkPdfOptions(options: Pick<PdfCommandOptions, 'title' | 'themes' | 'booklet' | 'size'>): void {
  if (options.title !== undefined && options.themes === undefined) {
    throw new CliError('`--title` names a handout of the themes chosen with `--themes`', {
      exitCode: ExitCode.usage,
      hint: 'Add `--themes <slugs>`, or set the title of a named handout in the card\'s `handouts:`.'
    })
  }
  if (options.booklet && options.size === 'A4') {
    throw new CliError('A booklet is printed on A5 pages, two to an A4 sheet: `--booklet` cannot be combined with `--size A4`', {
      exitCode: ExitCode.usage,
      hint: 'Leave out `--size` (or give `--size A5`) for a booklet, or leave out `--booklet` for A4 pages.'
    })
  }
}

/** What to print: a named handout, an ad-hoc one of `--themes`, or the whole card; at the size asked for. */
export function choosePublication(card: Card, themeSlugs: string[] | undefined, options: Pick<PdfCommandOptions, 'handout' | 'title' | 'size' | 'booklet'>): Publication {
  const defaultSize = options.booklet ? 'A5' : undefined
  if (options.handout !== undefined) {
    const handout = namedHandout(card, options.handout)
    // A booklet is of A5 pages whatever size the handout is printed at alone
    return handoutPublication(card, {...handout, size: options.size ?? defaultSize ?? handout.size})
  }
  if (themeSlugs) {
    return handoutPublication(card, {slug: `${card.slug}-${themeSlugs.join('-')}`, title: options.title, themes: themeSlugs, size: options.size ?? defaultSize})
  }
  return cardPublication(card, options.size ?? defaultSize)
}

/** The handout `slug` of the card's frontmatter; another slug is a mistake in the call, with the likely one. */
function namedHandout(card: Card, slug: string): Handout {
  const handout = card.handouts.find((candidate) => candidate.slug === slug)
  if (handout) return handout
  const known = card.handouts.map((candidate) => candidate.slug)
  if (known.length === 0) {
    throw new CliError(`Card \`${card.slug}\` has no handout \`${slug}\`: it names no handouts`, {
      exitCode: ExitCode.usage,
      hint: 'Name one under `handouts:` in its index.md, or choose themes with `--themes <slugs>`.'
    })
  }
  const meant = suggest(slug, known)
  const list = `Its handouts are: ${known.join(', ')}.`
  throw new CliError(`Card \`${card.slug}\` has no handout \`${slug}\``, {
    exitCode: ExitCode.usage,
    hint: meant === undefined ? list : `Did you mean \`${meant}\`? ${list}`
  })
}

/** `--themes` naming a theme the card does not have: a mistake in the call, with the likely slug. */
export function unknownThemesError(cardSlug: string, unknown: string[], known: string[]): CliError {
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
