import type {BodyPoint, DiagramParse, DiagramProblem} from './types.js'

/** How many steps each list diagram can draw legibly. */
export const stepLimits = {cycle: {min: 3, max: 8}, steps: {min: 2, max: 8}} as const

const item = /^(\s*)(?:[-*+]|\d{1,3}[.)])[ \t]+(\S.*?)\s*$/

/**
 * A ```cycle or ```steps block: a Markdown list, one step per line (`- step`
 * or `1. step`). The steps are plain text: Markdown inside them is shown as
 * written. Blank lines are skipped.
 */
export function parseList(kind: 'cycle' | 'steps', body: string, blockStart: BodyPoint, title: string | undefined): DiagramParse {
  const problems: DiagramProblem[] = []
  const steps: Array<{text: string; line: number; column: number}> = []
  const lines = body.split(/\r?\n/)
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    const match = item.exec(line)
    if (!match) {
      const column = line.length - line.trimStart().length + 1
      problems.push({
        ruleId: 'diagram-list-item',
        severity: 'error',
        reason: `This line of the ${kind} diagram is not a list item`,
        hint: 'Write each step as a list item on its own line: `- Step`.',
        start: {line: index + 1, column},
        end: {line: index + 1, column: line.trimEnd().length + 1}
      })
      return
    }
    steps.push({text: match[2]!, line: index + 1, column: match[1]!.length + 1})
  })
  const {min, max} = stepLimits[kind]
  if (problems.length === 0 && steps.length < min) {
    problems.push({
      ruleId: 'diagram-list-count',
      severity: 'error',
      reason: steps.length === 0 ? `The ${kind} diagram has no steps` : `The ${kind} diagram has ${steps.length} step${steps.length === 1 ? '' : 's'}; it needs at least ${min}`,
      hint: `Write ${min} to ${max} steps, one list item (\`- Step\`) per line.`,
      start: blockStart
    })
  } else if (steps.length > max) {
    const first = steps[max]!
    problems.push({
      ruleId: 'diagram-list-count',
      severity: 'error',
      reason: `The ${kind} diagram has ${steps.length} steps; it can draw at most ${max}`,
      hint: `Keep ${min} to ${max} steps: join some, or show the rest as a list.`,
      start: {line: first.line, column: first.column}
    })
  }
  if (problems.length > 0) return {spec: undefined, problems}
  return {spec: {kind, ...(title ? {title} : {}), steps: steps.map((step) => step.text)}, problems}
}
