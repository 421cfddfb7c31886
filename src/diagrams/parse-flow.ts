import {readYamlLabels} from './read-yaml-labels.js'
import type {BodyPoint, DiagramParse} from './types.js'

const required = ['x', 'y', 'low', 'middle', 'high'] as const

/**
 * A ```flow block: YAML with the labels of the two axes (`x`, `y`) and the
 * three zones (`low` below the channel, `middle` in it, `high` above it),
 * and optionally a `title`.
 */
export function parseFlow(body: string, blockStart: BodyPoint): DiagramParse {
  const read = readYamlLabels(body, 1, {required, optional: ['title']}, 'flow diagram', blockStart)
  const labels = read.labels
  if (read.problems.some((problem) => problem.severity === 'error')) return {spec: undefined, problems: read.problems}
  const label = (key: string) => labels.get(key)!.value
  const title = labels.get('title')?.value
  return {
    spec: {kind: 'flow', ...(title ? {title} : {}), x: label('x'), y: label('y'), low: label('low'), middle: label('middle'), high: label('high')},
    problems: read.problems
  }
}
