import type {Element} from 'hast'
import {s} from 'hastscript'
import {diagramSvg, round, textBlock} from './svg-parts.js'
import type {StepsSpec} from './types.js'
import {charsThatFit, wrapLabel} from './wrap-label.js'

const width = 420
/** Up to this many phases stand side by side; more go from top to bottom. */
const maxAcross = 4

/**
 * Consecutive phases as chevrons, each with its number: side by side with
 * the label under each when there are few, one under the other with the
 * label beside it when there are more. Shape and number give the order.
 */
export function renderSteps(spec: StepsSpec): Element {
  const description = spec.steps.map((step, index) => `${index + 1}. ${step}`).join(' → ')
  const title = spec.title ?? spec.steps.join(' → ')
  return spec.steps.length <= maxAcross ? across(spec, title, description) : down(spec, title, description)
}

function across(spec: StepsSpec, title: string, description: string): Element {
  const count = spec.steps.length
  const column = width / count
  const fontSize = 12
  const labels = spec.steps.map((step) => wrapLabel(step, charsThatFit(column - 10, fontSize), 5))
  const lines = Math.max(...labels.map((label) => label.length))
  const band = 34
  const notch = 12
  const height = band + 10 + lines * fontSize * 1.2 + 6
  const children = spec.steps.flatMap((_, index) => {
    const left = index * column + 1
    const right = (index + 1) * column - 3
    const d = [
      `M${round(left)} 1`,
      `L${round(right - notch)} 1`,
      `L${round(right)} ${band / 2 + 1}`,
      `L${round(right - notch)} ${band + 1}`,
      `L${round(left)} ${band + 1}`,
      index > 0 ? `L${round(left + notch)} ${band / 2 + 1}` : '',
      'Z'
    ].join('')
    const middle = (left + right) / 2
    return [
      s('path', {className: ['diagram-phase', `diagram-phase-${(index % 2) + 1}`], d, fill: index % 2 === 0 ? '#1b2733' : '#4b5866'}),
      textBlock([String(index + 1)], middle + (index > 0 ? notch / 4 : 0) - notch / 4, band / 2 + 1, {fontSize: 15, className: 'diagram-phase-text', weight: 700, fill: '#ffffff'}),
      textBlock(labels[index]!, middle, band + 10 + (labels[index]!.length * fontSize * 1.2) / 2, {fontSize, className: 'diagram-label', weight: 600})
    ]
  })
  return diagramSvg('steps', {width, height}, title, description, children)
}

function down(spec: StepsSpec, title: string, description: string): Element {
  const fontSize = 13
  const lineHeight = fontSize * 1.2
  const chevron = 46
  const notch = 9
  const labels = spec.steps.map((step) => wrapLabel(step, charsThatFit(width - chevron - 22, fontSize), 3))
  let top = 1
  const children = spec.steps.flatMap((_, index) => {
    const rowHeight = Math.max(36, labels[index]!.length * lineHeight + 14)
    const bottom = top + rowHeight
    const d = [
      `M1 ${round(top)}`,
      index > 0 ? `L${chevron / 2 + 1} ${round(top + notch)}` : '',
      `L${chevron + 1} ${round(top)}`,
      `L${chevron + 1} ${round(bottom - notch)}`,
      `L${chevron / 2 + 1} ${round(bottom)}`,
      `L1 ${round(bottom - notch)}`,
      'Z'
    ].join('')
    const middle = (top + bottom) / 2
    const row = [
      s('path', {className: ['diagram-phase', `diagram-phase-${(index % 2) + 1}`], d, fill: index % 2 === 0 ? '#1b2733' : '#4b5866'}),
      textBlock([String(index + 1)], chevron / 2 + 1, middle + (index > 0 ? notch / 4 : 0), {fontSize: 15, className: 'diagram-phase-text', weight: 700, fill: '#ffffff'}),
      textBlock(labels[index]!, chevron + 14, middle, {fontSize, className: 'diagram-label', anchor: 'start', weight: 600})
    ]
    top = bottom + 3
    return row
  })
  return diagramSvg('steps', {width, height: top}, title, description, children)
}
