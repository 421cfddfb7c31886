import path from 'node:path'
import {styleText} from 'node:util'
import type {VFile} from 'vfile'

/** One finding, in the shape machines read (`--format json`). */
export interface Finding {
  file: string
  line: number
  column: number
  severity: 'error' | 'warning'
  rule: string
  message: string
  hint?: string
}

export type FindingsFormat = 'text' | 'json' | 'github'

/** Every message of every file as findings, sorted by file and position. */
export function collectFindings(files: VFile[], cwd = process.cwd()): Finding[] {
  const findings = files.flatMap((file) =>
    file.messages.map((message): Finding => ({
      file: path.relative(cwd, path.resolve(cwd, file.path)) || file.path,
      line: message.line ?? 1,
      column: message.column ?? 1,
      severity: message.fatal ? 'error' : 'warning',
      rule: message.ruleId ?? 'unknown',
      message: message.reason,
      ...(message.note ? {hint: message.note} : {})
    }))
  )
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
}

/** Format findings for people (text), machines (json) or GitHub Actions (github). */
export function formatFindings(findings: Finding[], format: FindingsFormat, options: {color: boolean}): string {
  if (format === 'json') return `${JSON.stringify(findings, null, 2)}\n`
  if (format === 'github') return findings.map(githubCommand).join('')
  return formatText(findings, options.color)
}

/** The escapes people know, for the control characters they know. */
const namedEscapes = new Map([['\n', '\\n'], ['\r', '\\r'], ['\t', '\\t']])

/**
 * Characters that must not reach a terminal as they are: C0 and C1 control
 * characters (ESC starts colour and cursor sequences, CSI `\u009b` too, a
 * newline forges a line), DEL, the line and paragraph separators, and the
 * bidirectional overrides that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafeForTerminal = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Text from content (a key, a value, a file name) made safe to print: every
 * control character is shown as an escape (`\n`, `\u001b`), so it can
 * neither colour the terminal nor start a line that looks like a finding.
 * Everything kenniskaart prints about content goes through here.
 */
export function escapeTerminal(text: string): string {
  return escapeUnsafe(text, false)
}

function escapeUnsafe(text: string, keepLineBreaks: boolean): string {
  return text.replace(unsafeForTerminal, (character) => {
    if (keepLineBreaks && (character === '\n' || character === '\r')) return character
    return namedEscapes.get(character) ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

function formatText(findings: Finding[], color: boolean): string {
  if (findings.length === 0) return ''
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text) : text)
  const lines: string[] = []
  let previousFile: string | undefined
  for (const finding of findings) {
    if (previousFile !== undefined && finding.file !== previousFile) lines.push('')
    previousFile = finding.file
    const severity = finding.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning')
    const place = `${escapeTerminal(finding.file)}:${finding.line}:${finding.column}`
    lines.push(`${paint('underline', place)}  ${severity}  ${escapeTerminal(finding.message)}  ${paint('dim', escapeTerminal(finding.rule))}`)
    if (finding.hint) lines.push(`  ${paint('dim', `hint: ${escapeTerminal(finding.hint)}`)}`)
  }
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.length - errors
  lines.push('', summary(errors, warnings))
  return `${lines.join('\n')}\n`
}

/** "2 errors, 1 warning" */
export function summary(errors: number, warnings: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
}

function githubCommand(finding: Finding): string {
  const escapeProperty = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C')
  const escapeData = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  // The log shows the command as it is: control characters become visible escapes, line breaks GitHub's own %0A
  const text = escapeUnsafe(finding.hint ? `${finding.message} (${finding.rule}). ${finding.hint}` : `${finding.message} (${finding.rule})`, true)
  return `::${finding.severity} file=${escapeProperty(escapeUnsafe(finding.file, true))},line=${finding.line},col=${finding.column},title=${escapeProperty(finding.rule)}::${escapeData(text)}\n`
}
