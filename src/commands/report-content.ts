import type {VFile} from 'vfile'
import {collectFindings, collectSources, type Finding, type FindingsFormat, formatFindings} from '../report/findings.js'

export interface ContentReport {
  findings: Finding[]
  errors: number
  warnings: number
  /** True when the command must stop: errors, or warnings under `--strict`. */
  failed: boolean
}

/**
 * Print the findings of all files at once, to stdout, in the chosen format;
 * with `print: false`, only count them (`build --format json` prints them in its summary).
 */
export function reportContent(files: VFile[], options: {format: FindingsFormat; strict: boolean; print?: boolean}): ContentReport {
  const findings = collectFindings(files)
  const output = options.print === false ? '' : formatFindings(findings, options.format, {color: useColor(process.stdout), sources: collectSources(files), width: process.stdout.columns || undefined})
  if (output) process.stdout.write(output)
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.length - errors
  return {findings, errors, warnings, failed: errors > 0 || (options.strict && warnings > 0)}
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR
}
