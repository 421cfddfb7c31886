import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {publicationPath} from '../card/publication.js'
import {ExitCode, type ExitCodeValue} from '../errors.js'
import {checkOutputDir, writeOutput} from '../output/write-output.js'
import {escapeTerminal, type FindingsFormat} from '../report/findings.js'
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
}

/** `kenniskaart build`: check, render in memory, then swap the output in. */
export async function buildCommand(options: BuildCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  await checkOutputDir({outDir: options.out, contentDir: options.content, force: options.force})
  // The browser starts first: it runs in its own process while Node loads and checks the content
  const browser = options.pdf ? (await import('../pdf/start-browser.js')).startBrowser(options.browser) : undefined
  const {build} = await import('../build.js')
  const result = await build({
    contentDir: options.content,
    ...(options.card ? {card: options.card} : {}),
    pdf: options.pdf
      ? {
          browserPath: options.browser,
          browser,
          timeoutSeconds: options.pdfTimeout,
          previousPdf: (publication) => readFile(path.join(options.out, publicationPath(publication))).catch(() => undefined)
        }
      : false
  })
  const report = reportContent(result.files, {format: options.format, strict: options.strict})
  if (result.failed || report.failed) {
    process.stderr.write(`Nothing was written: fix the ${report.errors > 0 ? 'errors' : 'warnings'} above and build again.\n`)
    return ExitCode.contentErrors
  }
  await writeOutput(result.pages, {outDir: options.out, contentDir: options.content, force: options.force})

  const pages = result.pages.filter((file) => file.path.endsWith('.html')).length
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  const pdfs = options.pdf ? `, ${plural(result.pdfs.length, 'PDF')} (${result.pdfs.map((pdf) => `${pdf.path}: ${plural(pdf.pageCount, 'page')}`).join('; ')})` : ''
  const target = path.relative(process.cwd(), path.resolve(options.out)) || '.'
  process.stderr.write(`${escapeTerminal(`Built ${plural(result.cards.length, 'card')}, ${plural(pages, 'web page')}${pdfs} in ${seconds} s → ${target}`)}\n`)
  return ExitCode.ok
}
