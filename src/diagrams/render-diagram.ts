import type {Element} from 'hast'
import {renderChart} from './render-chart.js'
import {renderCycle} from './render-cycle.js'
import {renderFlow} from './render-flow.js'
import {renderSteps} from './render-steps.js'
import type {DiagramSpec} from './types.js'

/** Draw a diagram as an inline `<svg>` hast element. */
export function renderDiagram(spec: DiagramSpec): Element {
  switch (spec.kind) {
    case 'cycle':
      return renderCycle(spec)
    case 'steps':
      return renderSteps(spec)
    case 'chart':
      return renderChart(spec)
    case 'flow':
      return renderFlow(spec)
  }
}
