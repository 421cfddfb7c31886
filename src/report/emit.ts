import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {ruleDocsUrl} from './rule-docs.js'
import type {RuleId} from './rules.js'

export interface EmitOptions {
  /** Where in the file: a point or a range. Omitted: the file as a whole. */
  place?: Point | Position | undefined
  /** What to do about it. */
  hint?: string | undefined
}

/** Record a content error on the file; the build stops after all files are read. */
export function emitError(file: VFile, ruleId: RuleId, reason: string, options: EmitOptions = {}): void {
  emit(file, ruleId, reason, options, true)
}

/** Record a content warning on the file; the build goes on. */
export function emitWarning(file: VFile, ruleId: RuleId, reason: string, options: EmitOptions = {}): void {
  emit(file, ruleId, reason, options, false)
}

function emit(file: VFile, ruleId: RuleId, reason: string, options: EmitOptions, fatal: boolean): void {
  const message = file.message(reason, {place: options.place, ruleId, source: 'kenniskaart'})
  message.fatal = fatal
  message.url = ruleDocsUrl(ruleId)
  if (options.hint) message.note = options.hint
}
