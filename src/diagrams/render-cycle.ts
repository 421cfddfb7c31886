import type {Element} from 'hast'
import {s} from 'hastscript'
import {arrowhead, diagramSvg, round, textBlock} from './svg-parts.js'
import type {CycleSpec} from './types.js'
import {charsThatFit, wrapLabel} from './wrap-label.js'

const fontSize = 12
const lineHeight = fontSize * 1.2
const boxWidth = 118

/**
 * Steps round an ellipse, clockwise from the top: each a numbered box, the
 * ring between them with an arrowhead halfway that shows the way round.
 * The numbers and arrows carry the order, so colour carries nothing alone.
 */
export function renderCycle(spec: CycleSpec): Element {
  const count = spec.steps.length
  const width = count <= 6 ? 420 : 520
  const chars = charsThatFit(boxWidth - 14, fontSize)
  const labels = spec.steps.map((step) => wrapLabel(step, chars, 3))
  const boxHeight = Math.max(...labels.map((lines) => lines.length)) * lineHeight + 22
  const rx = (width - boxWidth) / 2 - 8
  const ry = count <= 4 ? 92 : 118
  const height = 2 * ry + boxHeight + 16
  const cx = width / 2
  const cy = height / 2
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / count
  const point = (theta: number) => ({x: cx + rx * Math.cos(theta), y: cy + ry * Math.sin(theta)})

  const arrows = spec.steps.map((_, index) => {
    const theta = angle(index) + Math.PI / count
    const at = point(theta)
    const direction = {x: -rx * Math.sin(theta), y: ry * Math.cos(theta)}
    const length = Math.hypot(direction.x, direction.y)
    const tip = {x: at.x + (direction.x / length) * 6, y: at.y + (direction.y / length) * 6}
    return arrowhead(at, tip, 12, 'diagram-arrow')
  })
  const boxes = spec.steps.map((_, index) => {
    const at = point(angle(index))
    const left = at.x - boxWidth / 2
    const top = at.y - boxHeight / 2
    return s('g', {className: ['diagram-step']}, [
      s('rect', {className: ['diagram-box'], x: round(left), y: round(top), width: boxWidth, height: round(boxHeight), rx: 6, fill: '#ffffff', stroke: '#1b2733', strokeWidth: 1.5}),
      s('circle', {className: ['diagram-badge'], cx: round(left + 2), cy: round(top + 2), r: 10, fill: '#1b2733'}),
      textBlock([String(index + 1)], left + 2, top + 2, {fontSize: 11, className: 'diagram-badge-text', weight: 700, fill: '#ffffff'}),
      textBlock(labels[index]!, at.x, at.y + 3, {fontSize, className: 'diagram-label', weight: 600})
    ])
  })
  const description = [...spec.steps.map((step, index) => `${index + 1}. ${step}`), `1. ${spec.steps[0]!}`].join(' → ')
  return diagramSvg('cycle', {width, height}, spec.title ?? spec.steps.join(' → '), description, [
    s('ellipse', {className: ['diagram-ring'], cx: round(cx), cy: round(cy), rx: round(rx), ry: round(ry), fill: 'none', stroke: '#8a96a3', strokeWidth: 2.5}),
    ...arrows,
    ...boxes
  ])
}
