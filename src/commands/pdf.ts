import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {cardPublication, handoutPublication} from '../card/publication.js'
import {loadContent} from '../content/load-content.js'
import type {PageSize} from '../content/schema.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {renderPublications} from '../pdf/render-publications.js'
import {startBrowser} from '../pdf/start-browser.js'
import type {FindingsFormat} from '../report/findings.js'
import {copyCardImages, renderSitePages, renderThemeAssets} from '../render/site.js'
import {reportContent} from './report-content.js'

export interface PdfCommandOptions {
  content: string
  themes?: string
  size: PageSize
  out?: string
  browser?: string
  pdfTimeout?: number
  format: FindingsFormat
  strict: boolean
}

/** `kenniskaart pdf <card>`: the whole card, or a handout of some themes, as one PDF. */
export async function pdfCommand(cardSlug: string, options: PdfCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  // The browser starts while the content is read
  const browser = startBrowser(options.browser)
  const {cards, files} = await loadContent(options.content, {card: cardSlug}).catch(async (error: unknown) => {
    await closeUnused(browser)
    throw error
  })
  const before = reportContent(files, {format: options.format, strict: options.strict})
  const card = cards[0]
  if (before.failed || !card) {
    await closeUnused(browser)
    process.stderr.write('No PDF was written: fix the findings above and try again.\n')
    return ExitCode.contentErrors
  }

  const themeSlugs = options.themes?.split(',').map((slug) => slug.trim()).filter(Boolean)
  let publication
  try {
    publication = themeSlugs
      ? handoutPublication(card, {slug: `${card.slug}-${themeSlugs.join('-')}`, themes: themeSlugs, size: options.size})
      : cardPublication(card, options.size)
  } catch (error) {
    await closeUnused(browser)
    throw error
  }
  const site = [...renderSitePages([card]), ...(await renderThemeAssets([card])), ...(await copyCardImages([card]))]
  const [printed] = await renderPublications([publication], site, {browser, timeoutSeconds: options.pdfTimeout})
  const after = reportContent(files.filter((file) => file.messages.some((message) => message.ruleId === 'pdf-request-blocked')), {
    format: options.format,
    strict: options.strict
  })
  if (!printed || (options.strict && after.warnings > 0)) return ExitCode.contentErrors

  const out = path.resolve(options.out ?? `${publication.slug}.pdf`)
  await writeFileAtomically(out, printed.contents)
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  process.stderr.write(`Wrote ${path.relative(process.cwd(), out)} (${printed.pageCount} pages, ${publication.size}, ${publication.sources.length} sources) in ${seconds} s\n`)
  return ExitCode.ok
}

async function closeUnused(browser: Promise<{close(): Promise<void>}>): Promise<void> {
  await browser.then((started) => started.close()).catch(() => undefined)
}

async function writeFileAtomically(target: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${target}.tmp-${process.pid}`
  try {
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(temporary, contents)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw new CliError(`Cannot write ${target}: ${(error as Error).message}`, {hint: 'Check that the folder is writable.', cause: error})
  }
}
