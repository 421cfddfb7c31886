import {closest} from 'fastest-levenshtein'
import {isMap, isScalar, LineCounter, parseDocument} from 'yaml'
import type {BodyPoint, DiagramProblem} from './types.js'

/** A label read from a YAML key, with where its value is written. */
export interface YamlLabel {
  value: string
  start: BodyPoint
  end: BodyPoint
}

export interface YamlLabelsRead {
  labels: Map<string, YamlLabel>
  problems: DiagramProblem[]
  /** False when the text is not a YAML mapping at all (then `labels` is empty). */
  isMapping: boolean
}

/**
 * Read a diagram's YAML: a mapping of known keys to one-line labels. Unknown
 * keys are warnings (with the closest known key as a hint), missing required
 * keys and values that are not plain text are errors. `firstLine` is the
 * body line the text starts on, so every problem lands on its own line.
 */
export function readYamlLabels(text: string, firstLine: number, keys: {required: readonly string[]; optional: readonly string[]}, what: string, blockStart: BodyPoint): YamlLabelsRead {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const at = (offset: number): BodyPoint => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: firstLine + line - 1, column: col}
  }
  const problems: DiagramProblem[] = []
  const labels = new Map<string, YamlLabel>()
  const known = [...keys.required, ...keys.optional]
  const keyList = known.map((key) => `\`${key}\``).join(', ')

  const error = document.errors[0]
  if (error) {
    problems.push({
      ruleId: 'diagram-yaml-invalid',
      severity: 'error',
      reason: `The ${what} is not valid YAML: ${error.message.split('\n')[0]}`,
      hint: `Write one \`key: label\` per line; keys: ${keyList}.`,
      start: at(error.pos[0]),
      end: at(error.pos[1])
    })
    return {labels, problems, isMapping: false}
  }
  const contents = document.contents
  if (!isMap(contents)) {
    const range = contents?.range
    problems.push({
      ruleId: 'diagram-yaml-invalid',
      severity: 'error',
      reason: `The ${what} is not a list of \`key: label\` lines`,
      hint: `Write one \`key: label\` per line; keys: ${keyList}.`,
      start: range ? at(range[0]) : blockStart,
      ...(range ? {end: at(range[1])} : {})
    })
    return {labels, problems, isMapping: false}
  }

  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    const keyRange = isScalar(pair.key) ? pair.key.range : undefined
    const keyStart = keyRange ? at(keyRange[0]) : blockStart
    if (key === undefined || !known.includes(key)) {
      const suggestion = key === undefined ? undefined : closest(key, known)
      problems.push({
        ruleId: 'diagram-key-unknown',
        severity: 'warning',
        reason: `Unknown key \`${key ?? '?'}\` in the ${what} is ignored`,
        hint: suggestion ? `Did you mean \`${suggestion}\`? The keys are ${keyList}.` : `The keys are ${keyList}.`,
        start: keyStart,
        ...(keyRange ? {end: at(keyRange[1])} : {})
      })
      continue
    }
    const value = pair.value
    const text = isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value).trim() : undefined
    if (text === undefined || text === '') {
      const range = value && 'range' in value ? value.range : undefined
      problems.push({
        ruleId: 'diagram-yaml-invalid',
        severity: 'error',
        reason: text === '' || !value || (isScalar(value) && value.value === null) ? `\`${key}\` in the ${what} has no text` : `\`${key}\` in the ${what} is not a line of text`,
        hint: `Write it as \`${key}: some text\` on one line.`,
        start: range ? at(range[0]) : keyStart,
        ...(range ? {end: at(range[1])} : {})
      })
      continue
    }
    const range = value!.range!
    labels.set(key, {value: text, start: at(range[0]), end: at(range[1])})
  }
  for (const key of keys.required) {
    if (labels.has(key) || contents.items.some((pair) => isScalar(pair.key) && pair.key.value === key)) continue
    problems.push({
      ruleId: 'diagram-key-missing',
      severity: 'error',
      reason: `The ${what} has no \`${key}\``,
      hint: `Add a line \`${key}: …\`; the ${what} needs ${keys.required.map((name) => `\`${name}\``).join(', ')}.`,
      start: blockStart
    })
  }
  return {labels, problems, isMapping: true}
}
