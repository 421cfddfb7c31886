import type {Element} from 'hast'
import {s} from 'hastscript'
import {arrowhead, diagramSvg, round, textBlock} from './svg-parts.js'
import type {CycleSpec} from './types.js'
import {charsThatFit, wrapLabel} from './wrap-label.js'

const fontSize = 12
const lineHeight = fontSize * 1.2
const boxWidth = 124
/** Room kept between a box and an arrowhead on the ring. */
const gap = 4

/**
 * Steps round an ellipse, clockwise from the top: each a numbered box, the
 * ring between them with an arrowhead halfway that shows the way round.
 * The numbers and arrows carry the order, so colour carries nothing alone.
 */
export function renderCycle(spec: CycleSpec): Element {
  const count = spec.steps.length
  const width = count <= 6 ? 420 : 480
  const chars = charsThatFit(boxWidth - 14, fontSize)
  const labels = spec.steps.map((step) => wrapLabel(step, chars, 4))
  const boxHeight = Math.max(...labels.map((lines) => lines.length)) * lineHeight + 26
  const rx = (width - boxWidth) / 2 - 8
  const ry = ringHeight(count, rx, boxHeight)
  const height = 2 * ry + boxHeight + 22
  const cx = width / 2
  const cy = height / 2 + 4
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / count
  const point = (theta: number) => ({x: cx + rx * Math.cos(theta), y: cy + ry * Math.sin(theta)})

  const boxOf = (index: number) => {
    const at = point(angle(index))
    return {left: at.x - boxWidth / 2, top: at.y - boxHeight / 2, right: at.x + boxWidth / 2, bottom: at.y + boxHeight / 2}
  }
  const outside = (at: {x: number; y: number}, box: ReturnType<typeof boxOf>) =>
    at.x < box.left - gap || at.x > box.right + gap || at.y < box.top - gap || at.y > box.bottom + gap
  // The arrowhead sits halfway along the stretch of ring that no box covers, so no box hides it.
  const arrows = spec.steps.map((_, index) => {
    const from = boxOf(index)
    const to = boxOf((index + 1) % count)
    const samples = Array.from({length: 97}, (_, step) => angle(index) + ((2 * Math.PI) / count) * (step / 96))
    const free = samples.filter((theta) => outside(point(theta), from) && outside(point(theta), to))
    const theta = free.length > 0 ? (free[0]! + free.at(-1)!) / 2 : angle(index) + Math.PI / count
    const at = point(theta)
    const direction = {x: -rx * Math.sin(theta), y: ry * Math.cos(theta)}
    const length = Math.hypot(direction.x, direction.y)
    const tip = {x: at.x + (direction.x / length) * 6, y: at.y + (direction.y / length) * 6}
    return arrowhead(at, tip, 12, 'diagram-arrow')
  })
  const boxes = spec.steps.map((_, index) => {
    const at = point(angle(index))
    const box = boxOf(index)
    return s('g', {className: ['diagram-step']}, [
      s('rect', {className: ['diagram-box'], x: round(box.left), y: round(box.top), width: boxWidth, height: round(boxHeight), rx: 6, fill: '#ffffff', stroke: '#1b2733', strokeWidth: 1.5}),
      s('circle', {className: ['diagram-badge'], cx: round(at.x), cy: round(box.top), r: 10, fill: '#1b2733'}),
      textBlock([String(index + 1)], at.x, box.top, {fontSize: 11, className: 'diagram-badge-text', weight: 700, fill: '#ffffff'}),
      textBlock(labels[index]!, at.x, at.y + 5, {fontSize, className: 'diagram-label', weight: 600})
    ])
  })
  const description = [...spec.steps.map((step, index) => `${index + 1}. ${step}`), `1. ${spec.steps[0]!}`].join(' → ')
  return diagramSvg('cycle', {width, height}, spec.title ?? spec.steps.join(' → '), description, [
    s('ellipse', {className: ['diagram-ring'], cx: round(cx), cy: round(cy), rx: round(rx), ry: round(ry), fill: 'none', stroke: '#8a96a3', strokeWidth: 2.5}),
    ...arrows,
    ...boxes
  ])
}

/**
 * Half the ring's height: from a pleasant minimum, grown until no two
 * neighbouring boxes touch (with room for an arrowhead between them).
 */
function ringHeight(count: number, rx: number, boxHeight: number): number {
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / count
  const apart = (ry: number, a: number, b: number) =>
    Math.abs(rx * (Math.cos(angle(a)) - Math.cos(angle(b)))) >= boxWidth + 16 || Math.abs(ry * (Math.sin(angle(a)) - Math.sin(angle(b)))) >= boxHeight + 16
  let ry = count <= 4 ? 92 : 118
  while (ry < 400 && !Array.from({length: count}, (_, index) => apart(ry, index, (index + 1) % count)).every(Boolean)) ry += 4
  return ry
}
