import {ExitCode, type ExitCodeValue} from '../errors.js'
import {loadContent} from '../content/load-content.js'
import type {FindingsFormat} from '../report/findings.js'
import {summary} from '../report/findings.js'
import {reportContent} from './report-content.js'

export interface CheckCommandOptions {
  content: string
  format: FindingsFormat
  strict: boolean
  card?: string
}

/** `kenniskaart check`: read and check everything, write nothing. */
export async function checkCommand(options: CheckCommandOptions): Promise<ExitCodeValue> {
  const {cards, files} = await loadContent(options.content, options.card === undefined ? {} : {card: options.card})
  const report = reportContent(files, options)
  if (options.format === 'text' && report.errors + report.warnings === 0) {
    process.stderr.write(`Checked ${cards.length} card${cards.length === 1 ? '' : 's'} in ${files.length} files: ${summary(0, 0)}\n`)
  }
  return report.failed ? ExitCode.contentErrors : ExitCode.ok
}
