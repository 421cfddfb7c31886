import {ExitCode, type ExitCodeValue} from '../errors.js'
import {type LoadedContent, loadContent} from '../content/load-content.js'
import type {FindingsFormat} from '../report/findings.js'
import {summary} from '../report/findings.js'
import {reportContent} from './report-content.js'

export interface CheckCommandOptions {
  content: string
  format: FindingsFormat
  strict: boolean
  card?: string
  /** `--quiet`: no summary line. */
  quiet?: boolean
}

/** Read and check a content folder, as `check` does, and print nothing: tests run it in-process. */
export async function checkContent(contentDir: string, options: {card?: string} = {}): Promise<LoadedContent> {
  return loadContent(contentDir, options)
}

/** `kenniskaart check`: read and check everything, write nothing. */
export async function checkCommand(options: CheckCommandOptions): Promise<ExitCodeValue> {
  const {cards, files} = await checkContent(options.content, options.card === undefined ? {} : {card: options.card})
  const report = reportContent(files, options)
  if (options.format === 'text' && !options.quiet && report.errors + report.warnings === 0) {
    process.stderr.write(`Checked ${cards.length} card${cards.length === 1 ? '' : 's'} in ${files.length} files: ${summary(0, 0)}\n`)
  }
  return report.failed ? ExitCode.contentErrors : ExitCode.ok
}
