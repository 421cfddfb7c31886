import path from 'node:path'
import {escapeTerminal} from '../report/escape-terminal.js'

/** A path as the user would type it: relative to the working folder, POSIX separators where those are the system's. */
export function shownPath(target: string): string {
  return path.relative(process.cwd(), target) || '.'
}

/** A word for a POSIX shell: quoted when it holds anything but safe characters (a space, `#`, a quote). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * What a scaffolding command made and what to do next, as lines for
 * stderr (where every command's progress and summary goes; stdout stays
 * for findings). Every path passes through the terminal escaping.
 */
export function madeReport(heading: string, made: readonly string[], next: ReadonlyArray<readonly [command: string, why: string]>, note?: string): string {
  const width = Math.max(0, ...next.map(([command]) => command.length))
  const lines = [heading, ...made.map((file) => `  ${file}`)]
  if (note !== undefined) lines.push(note)
  if (next.length > 0) lines.push('', 'Next:', ...next.map(([command, why]) => `  ${command.padEnd(width)}  ${why}`.trimEnd()))
  return `${lines.map(escapeTerminal).join('\n')}\n`
}
