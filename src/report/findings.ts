import path from 'node:path'
import {styleText} from 'node:util'
import type {VFile} from 'vfile'
import {codeFrame} from './code-frame.js'
import {escapeControlCharacters, escapeTerminal} from './escape-terminal.js'
import {isRuleId, ruleDocsUrl} from './rule-docs.js'


/** One finding, in the shape machines read (`--format json`). */
export interface Finding {
  file: string
  line: number
  column: number
  /** Where the range ends, when the finding is a range: the place just after its last character (as unist counts). */
  endLine?: number
  endColumn?: number
  severity: 'error' | 'warning'
  rule: string
  message: string
  hint?: string
  /** The rule's documentation: its section in docs/rules.md. */
  url?: string
}

export type FindingsFormat = 'text' | 'json' | 'github'

export interface FormatOptions {
  color: boolean
  /** The text of each file, by the finding's `file`, for code frames in the text format (see {@link collectSources}). */
  sources?: ReadonlyMap<string, string>
  /** Terminal columns a code frame line may take (default 100). */
  width?: number
}

/** Every message of every file as findings, sorted by file and position. */
export function collectFindings(files: VFile[], cwd = process.cwd()): Finding[] {
  const findings = files.flatMap((file) =>
    file.messages.map((message): Finding => {
      const end = message.place && 'end' in message.place ? message.place.end : undefined
      const rule = message.ruleId ?? 'unknown'
      return {
        file: displayPath(file, cwd),
        line: message.line ?? 1,
        column: message.column ?? 1,
        ...(end ? {endLine: end.line, endColumn: end.column} : {}),
        severity: message.fatal ? 'error' : 'warning',
        rule,
        message: message.reason,
        ...(message.note ? {hint: message.note} : {}),
        ...(isRuleId(rule) ? {url: ruleDocsUrl(rule)} : {})
      }
    })
  )
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
}

/**
 * The text of every file that has any, by the path findings name it with,
 * for the code frames of the text format. Files that could not be read
 * (binary, not UTF-8, missing) and folders have none, and get no frame.
 */
export function collectSources(files: VFile[], cwd = process.cwd()): Map<string, string> {
  const sources = new Map<string, string>()
  for (const file of files) {
    const text = file.value === undefined ? '' : String(file.value)
    const name = displayPath(file, cwd)
    if (text !== '' && !sources.has(name)) sources.set(name, text)
  }
  return sources
}

function displayPath(file: VFile, cwd: string): string {
  return path.relative(cwd, path.resolve(cwd, file.path)) || file.path
}

/**
 * Format findings for people (text), machines (json) or GitHub Actions
 * (github). The text format shows the line each finding is about when
 * `sources` has the files' text (see `collectSources`); colour is off
 * unless asked for.
 */
export function formatFindings(findings: Finding[], format: FindingsFormat, options: FormatOptions = {color: false}): string {
  if (format === 'json') return `${JSON.stringify(findings, null, 2)}\n`
  if (format === 'github') return findings.map(githubCommand).join('')
  return formatText(findings, options)
}

function formatText(findings: Finding[], options: FormatOptions): string {
  if (findings.length === 0) return ''
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(style, text) : text)
  const sourceLines = new Map<string, string[]>()
  const linesOf = (file: string) => {
    const text = options.sources?.get(file)
    if (text === undefined) return undefined
    let lines = sourceLines.get(file)
    if (!lines) sourceLines.set(file, (lines = text.split(/\r\n|\r|\n/)))
    return lines
  }
  const lines: string[] = []
  let previousFile: string | undefined
  for (const finding of findings) {
    if (previousFile !== undefined && finding.file !== previousFile) lines.push('')
    previousFile = finding.file
    const colour = finding.severity === 'error' ? 'red' : 'yellow'
    const severity = paint(colour, finding.severity === 'error' ? 'error  ' : 'warning')
    const place = `${escapeTerminal(finding.file)}:${finding.line}:${finding.column}`
    lines.push(`${paint('underline', place)}  ${severity}  ${escapeTerminal(finding.message)}  ${paint('dim', escapeTerminal(finding.rule))}`)
    const sourceLine = linesOf(finding.file)?.[finding.line - 1]
    if (sourceLine !== undefined) {
      lines.push(...codeFrame(sourceLine, finding, {
        width: options.width ?? 100,
        paintGutter: (text) => paint('dim', text),
        paintMarker: (text) => paint([colour, 'bold'], text)
      }))
    }
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
  const text = escapeControlCharacters(finding.hint ? `${finding.message} (${finding.rule}). ${finding.hint}` : `${finding.message} (${finding.rule})`, true)
  // GitHub's own property names for the end of a range
  const end = `${finding.endLine === undefined ? '' : `,endLine=${finding.endLine}`}${finding.endColumn === undefined ? '' : `,endColumn=${finding.endColumn}`}`
  return `::${finding.severity} file=${escapeProperty(escapeControlCharacters(finding.file, true))},line=${finding.line},col=${finding.column}${end},title=${escapeProperty(finding.rule)}::${escapeData(text)}\n`
}
