import type {Element} from 'hast'
import {s} from 'hastscript'
import {arrowhead, diagramSvg, round, textBlock} from './svg-parts.js'
import type {FlowSpec} from './types.js'
import {charsThatFit, wrapLabel} from './wrap-label.js'

const width = 420
const height = 340
const plot = {left: 40, right: width - 14, top: 14, bottom: height - 46}
/** Half the channel's width, as a share of each axis. */
const band = 0.17
const labelSize = 15

/**
 * The flow channel: skill along `x`, challenge along `y`; the band along
 * the diagonal is `middle` (flow), above it `high` (too much challenge),
 * below it `low` (too little). The three zones differ in lightness and
 * each carries its own label, so the figure reads in greyscale too.
 */
export function renderFlow(spec: FlowSpec): Element {
  const at = (u: number, v: number) => ({x: plot.left + u * (plot.right - plot.left), y: plot.bottom - v * (plot.bottom - plot.top)})
  const polygon = (points: Array<[number, number]>, className: string, fill: string) =>
    s('path', {className: ['diagram-zone', className], d: points.map(([u, v], index) => `${index === 0 ? 'M' : 'L'}${round(at(u, v).x)} ${round(at(u, v).y)}`).join('') + 'Z', fill})
  const edge = (from: [number, number], to: [number, number]) =>
    s('path', {className: ['diagram-edge'], d: `M${round(at(...from).x)} ${round(at(...from).y)}L${round(at(...to).x)} ${round(at(...to).y)}`, fill: 'none', stroke: '#1b2733', strokeWidth: 2})

  const plotWidth = plot.right - plot.left
  const zoneChars = charsThatFit(plotWidth * 0.4, labelSize)
  const diagonal = Math.atan2(-(plot.bottom - plot.top), plotWidth) * (180 / Math.PI)
  const middleAt = at(0.5, 0.5)
  const middleChars = charsThatFit(Math.hypot(plotWidth, plot.bottom - plot.top) * 0.55, labelSize)
  const origin = at(0, 0)
  const xEnd = at(1, 0)
  const yEnd = at(0, 1)

  const high = at(0.25, 0.76)
  const low = at(0.75, 0.24)
  const middle = textBlock(wrapLabel(spec.middle, middleChars, 2), middleAt.x, middleAt.y, {fontSize: labelSize, className: 'diagram-label-strong', weight: 700})
  middle.properties.transform = `rotate(${round(diagonal)} ${round(middleAt.x)} ${round(middleAt.y)})`

  const yLabel = textBlock(wrapLabel(spec.y, charsThatFit(plot.bottom - plot.top, 13), 1), yEnd.x - 16, yEnd.y, {fontSize: 13, className: 'diagram-axis-label', anchor: 'end', weight: 600})
  yLabel.properties.transform = `rotate(-90 ${round(yEnd.x - 16)} ${round(yEnd.y)})`

  return diagramSvg('flow', {width, height}, spec.title ?? `${spec.middle}: ${spec.y} / ${spec.x}`, `${spec.y} ↑, ${spec.x} →. ↖ ${spec.high}. ↗ ${spec.middle}. ↘ ${spec.low}.`, [
    polygon([[0, band], [1 - band, 1], [0, 1]], 'diagram-zone-high', '#c4ccd4'),
    polygon([[band, 0], [1, 0], [1, 1 - band]], 'diagram-zone-low', '#e9edf0'),
    polygon([[0, 0], [band, 0], [1, 1 - band], [1, 1], [1 - band, 1], [0, band]], 'diagram-zone-middle', '#ffffff'),
    edge([0, band], [1 - band, 1]),
    edge([band, 0], [1, 1 - band]),
    s('path', {className: ['diagram-axis'], d: `M${round(yEnd.x)} ${round(yEnd.y)}L${round(origin.x)} ${round(origin.y)}L${round(xEnd.x)} ${round(xEnd.y)}`, fill: 'none', stroke: '#1b2733', strokeWidth: 1.5}),
    arrowhead(origin, {x: xEnd.x + 8, y: xEnd.y}, 9, 'diagram-arrow'),
    arrowhead(origin, {x: yEnd.x, y: yEnd.y - 8}, 9, 'diagram-arrow'),
    textBlock(wrapLabel(spec.high, zoneChars, 3), high.x, high.y, {fontSize: labelSize, className: 'diagram-label-strong', weight: 700}),
    middle,
    textBlock(wrapLabel(spec.low, zoneChars, 3), low.x, low.y, {fontSize: labelSize, className: 'diagram-label-strong', weight: 700}),
    textBlock(wrapLabel(spec.x, charsThatFit(plotWidth, 13), 1), xEnd.x, origin.y + 22, {fontSize: 13, className: 'diagram-axis-label', anchor: 'end', weight: 600}),
    yLabel
  ])
}
