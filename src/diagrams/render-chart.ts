import type {Element, ElementContent} from 'hast'
import {s} from 'hastscript'
import {diagramSvg, round, textBlock} from './svg-parts.js'
import type {ChartSpec} from './types.js'
import {charsThatFit, wrapLabel} from './wrap-label.js'

const width = 420
const small = 12

/**
 * A bar or line chart with its axes: ticks and grid lines on the value
 * axis (from zero), each row's label under the category axis and its value
 * (as written in the data) at its bar or point, so no value needs colour
 * or a legend to be read.
 */
export function renderChart(spec: ChartSpec): Element {
  const count = spec.points.length
  const values = spec.points.map((point) => point.value)
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values))
  const low = ticks[0]!
  const high = ticks.at(-1)!
  const tickChars = Math.max(...ticks.map((tick) => formatTick(tick).length))
  const left = Math.max(28, tickChars * small * 0.6 + 10)
  const right = width - 6
  const slot = (right - left) / count
  const every = Math.max(1, Math.ceil(34 / slot))
  const xLabels = spec.points.map((point) => wrapLabel(point.label, charsThatFit(slot * every - 4, small), 3))
  const xLines = Math.max(...xLabels.map((label) => label.length))
  const top = 26
  const plotHeight = 180
  const bottom = top + plotHeight
  const height = bottom + 8 + xLines * small * 1.2 + 22
  const y = (value: number) => bottom - ((value - low) / (high - low)) * plotHeight
  const x = (index: number) => left + slot * (index + 0.5)
  const showValues = slot >= 22
  // A value stands clear of its bar's end, or of its point's marker
  const valueOffset = spec.type === 'bar' ? 9 : 15

  const grid: ElementContent[] = ticks.flatMap((tick) => [
    s('path', {className: ['diagram-grid'], d: `M${round(left)} ${round(y(tick))}H${round(right)}`, stroke: '#d5dbe1', strokeWidth: 1}),
    textBlock([formatTick(tick)], left - 5, y(tick), {fontSize: small, className: 'diagram-tick', anchor: 'end', fill: '#4b5866'})
  ])
  const marks: ElementContent[] =
    spec.type === 'bar'
      ? spec.points.map((point, index) => {
          const barWidth = Math.min(slot * 0.64, 48)
          const from = y(Math.max(0, point.value))
          const to = y(Math.min(0, point.value))
          return s('rect', {className: ['diagram-bar'], x: round(x(index) - barWidth / 2), y: round(from), width: round(barWidth), height: round(Math.max(0.5, to - from)), fill: '#4b5866'})
        })
      : [
          s('polyline', {className: ['diagram-line'], points: spec.points.map((point, index) => `${round(x(index))},${round(y(point.value))}`).join(' '), fill: 'none', stroke: '#1b2733', strokeWidth: 2.5}),
          ...spec.points.map((point, index) => s('circle', {className: ['diagram-point'], cx: round(x(index)), cy: round(y(point.value)), r: 4, fill: '#ffffff', stroke: '#1b2733', strokeWidth: 2}))
        ]
  const valueLabels: ElementContent[] = showValues
    ? spec.points.map((point, index) => textBlock([point.written], x(index), y(point.value) + (point.value < 0 ? 1 : -1) * valueOffset, {fontSize: small, className: 'diagram-value', weight: 700}))
    : []
  const categoryLabels = spec.points.flatMap((_, index) =>
    index % every === 0 ? [textBlock(xLabels[index]!, x(index), bottom + 8 + (xLabels[index]!.length * small * 1.2) / 2, {fontSize: small, className: 'diagram-tick', fill: '#4b5866'})] : []
  )
  const description = `${spec.x} → ${spec.y}: ${spec.points.map((point) => `${point.label}: ${point.written}`).join('; ')}.`
  return diagramSvg('chart', {width, height}, spec.title ?? `${spec.y} / ${spec.x}`, description, [
    ...grid,
    ...marks,
    s('path', {className: ['diagram-axis'], d: `M${round(left)} ${top - 6}V${round(bottom)}H${round(right)}`, fill: 'none', stroke: '#1b2733', strokeWidth: 1.5}),
    ...(low < 0 ? [s('path', {className: ['diagram-axis'], d: `M${round(left)} ${round(y(0))}H${round(right)}`, stroke: '#1b2733', strokeWidth: 1})] : []),
    ...valueLabels,
    ...categoryLabels,
    textBlock(wrapLabel(spec.y, charsThatFit(right - left, small), 1), left - 4, 9, {fontSize: small, className: 'diagram-axis-label', anchor: 'start', weight: 700}),
    textBlock(wrapLabel(spec.x, charsThatFit(right - left, small), 1), right, height - 8, {fontSize: small, className: 'diagram-axis-label', anchor: 'end', weight: 700})
  ])
}

/** Round tick values (steps of 1, 2 or 5 times a power of ten) that cover low to high. */
export function niceTicks(low: number, high: number): number[] {
  if (high === low) high = low + 1
  const rough = (high - low) / 5
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const normal = rough / magnitude
  const step = (normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10) * magnitude
  const first = Math.floor(low / step) * step
  const last = Math.ceil(high / step) * step
  const ticks: number[] = []
  for (let tick = first; tick <= last + step / 2; tick += step) ticks.push(Number(tick.toFixed(10)))
  return ticks
}

function formatTick(value: number): string {
  return String(Number(value.toPrecision(12)))
}
