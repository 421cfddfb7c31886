import type {Element, ElementContent} from 'hast'
import {s} from 'hastscript'
import type {DiagramKind} from './types.js'

/** Round to two decimals, so the SVG stays short and stable. */
export function round(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * The outer `<svg>` of a diagram: an image for assistive technology, named
 * by its `<title>` and described by its `<desc>` (both plain text nodes, so
 * whatever the content says is escaped when written). Colours come from
 * CSS classes the visual theme sets; the attributes here are the fallback.
 */
export function diagramSvg(kind: DiagramKind, size: {width: number; height: number}, title: string, description: string, children: ElementContent[]): Element {
  return s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${round(size.width)} ${round(size.height)}`,
      width: round(size.width),
      height: round(size.height),
      role: 'img',
      className: ['diagram', `diagram-${kind}`]
    },
    [s('title', title), s('desc', description), ...children]
  )
}

/**
 * Lines of text centred on (x, y), as one `<text>` with a `<tspan>` per
 * line; `y` is the middle of the block.
 */
export function textBlock(lines: string[], x: number, y: number, options: {fontSize: number; className: string; anchor?: 'start' | 'middle' | 'end'; weight?: number; fill?: string}): Element {
  const lineHeight = options.fontSize * 1.2
  const first = y - ((lines.length - 1) * lineHeight) / 2 + options.fontSize * 0.35
  return s(
    'text',
    {
      className: [options.className],
      x: round(x),
      y: round(first),
      fontSize: options.fontSize,
      textAnchor: options.anchor ?? 'middle',
      fill: options.fill ?? '#1b2733',
      ...(options.weight ? {fontWeight: options.weight} : {})
    },
    lines.map((line, index) => s('tspan', {x: round(x), ...(index > 0 ? {dy: round(lineHeight)} : {})}, line))
  )
}

/** A filled triangle pointing from `from` towards `to`, its tip at `to`. */
export function arrowhead(from: {x: number; y: number}, to: {x: number; y: number}, size: number, className: string): Element {
  const angle = Math.atan2(to.y - from.y, to.x - from.x)
  const back = (side: number) => ({
    x: to.x - size * Math.cos(angle) + side * (size / 2) * Math.sin(angle),
    y: to.y - size * Math.sin(angle) - side * (size / 2) * Math.cos(angle)
  })
  const left = back(1)
  const right = back(-1)
  return s('path', {className: [className], d: `M${round(to.x)} ${round(to.y)}L${round(left.x)} ${round(left.y)}L${round(right.x)} ${round(right.y)}Z`, fill: '#1b2733'})
}
