/** The fenced-code languages that are drawn as diagrams. */
export const diagramKinds = ['cycle', 'steps', 'chart', 'flow'] as const

export type DiagramKind = (typeof diagramKinds)[number]

/** Steps drawn round a cycle: the last leads back to the first. */
export interface CycleSpec {
  kind: 'cycle'
  title?: string
  steps: string[]
}

/** Consecutive phases, drawn left to right. */
export interface StepsSpec {
  kind: 'steps'
  title?: string
  steps: string[]
}

/** One row of a chart: its label on the x axis, its value as written and as a number. */
export interface ChartPoint {
  label: string
  written: string
  value: number
}

/** A bar or line chart of one column of values against a column of labels. */
export interface ChartSpec {
  kind: 'chart'
  type: 'bar' | 'line'
  title?: string
  x: string
  y: string
  points: ChartPoint[]
}

/** The flow channel: challenge against skill, with the zones below, in and above it. */
export interface FlowSpec {
  kind: 'flow'
  title?: string
  x: string
  y: string
  low: string
  middle: string
  high: string
}

/** What a diagram block describes, as plain data (it travels through the pipeline as JSON). */
export type DiagramSpec = CycleSpec | StepsSpec | ChartSpec | FlowSpec

/**
 * A point inside a diagram block's body: line 1 is the line after the
 * opening fence, columns count from 1; line 0 is the opening fence itself.
 */
export interface BodyPoint {
  line: number
  column: number
}

/** The rule ids diagram problems use. */
export type DiagramRuleId =
  | 'diagram-yaml-invalid'
  | 'diagram-key-unknown'
  | 'diagram-key-missing'
  | 'diagram-list-item'
  | 'diagram-list-count'
  | 'diagram-chart-csv'
  | 'diagram-chart-column'
  | 'diagram-chart-value'

/** A mistake in a diagram block, placed in the block's body. */
export interface DiagramProblem {
  ruleId: DiagramRuleId
  severity: 'error' | 'warning'
  reason: string
  hint: string
  start: BodyPoint
  end?: BodyPoint
}

/** A block read: its spec when it can be drawn, and what was wrong with it. */
export interface DiagramParse {
  spec: DiagramSpec | undefined
  problems: DiagramProblem[]
}
