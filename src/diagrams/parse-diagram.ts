import {parseChart} from './parse-chart.js'
import {parseFlow} from './parse-flow.js'
import {parseList} from './parse-list.js'
import type {BodyPoint, DiagramKind, DiagramParse} from './types.js'

/**
 * Read the body of a diagram block of one kind. `title` is the rest of the
 * fence's info string (```cycle De zes stappen), used by the list kinds;
 * `blockStart` is where problems that belong to no one line are placed.
 */
export function parseDiagram(kind: DiagramKind, body: string, title: string | undefined, blockStart: BodyPoint): DiagramParse {
  if (kind === 'cycle' || kind === 'steps') return parseList(kind, body, blockStart, title)
  const parsed = kind === 'chart' ? parseChart(body, blockStart) : parseFlow(body, blockStart)
  if (parsed.spec && !parsed.spec.title && title) parsed.spec.title = title
  return parsed
}
