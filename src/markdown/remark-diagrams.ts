import type {Code, Paragraph, PhrasingContent, Root} from 'mdast'
import type {Point} from 'unist'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {parseDiagram} from '../diagrams/parse-diagram.js'
import {type BodyPoint, type DiagramKind, diagramKinds} from '../diagrams/types.js'
import {emitError, emitWarning} from '../report/emit.js'
import {repeatsHeadingAbove} from './repeats-heading.js'

/**
 * Fenced code in a diagram language (```cycle, ```steps, ```chart,
 * ```flow) is read here: each mistake is a finding at its own line and
 * column in the file; a block that can be drawn becomes a figure that
 * carries what to draw as data (`data-diagram`, which only this plugin
 * can set: raw HTML may not), drawn as SVG by `rehype-diagrams` after the
 * sanitizer. A block that cannot be drawn stays a code block.
 */
export default function remarkDiagrams() {
  return (tree: Root, file: VFile) => {
    let sourceLines: string[] | undefined
    visit(tree, 'code', (code: Code, index, parent) => {
      if (!parent || index === undefined || !isDiagramKind(code.lang)) return
      const start = code.position?.start
      const title = code.meta?.trim() || undefined
      const parsed = parseDiagram(code.lang, code.value, title, {line: 0, column: start?.column ?? 1})
      if (parsed.problems.length > 0) {
        sourceLines ??= String(file.value).split(/\r?\n/)
        const bodyLines = code.value.split(/\r?\n/)
        const toFile = (point: BodyPoint): Point | undefined => {
          if (!start) return undefined
          if (point.line === 0) return {line: start.line, column: start.column}
          const line = start.line + point.line
          const source = sourceLines![line - 1] ?? ''
          const body = bodyLines[point.line - 1] ?? ''
          const prefix = source.endsWith(body) ? source.length - body.length : 0
          return {line, column: prefix + point.column}
        }
        for (const problem of parsed.problems) {
          const from = toFile(problem.start)
          const to = problem.end ? toFile(problem.end) : undefined
          const emit = problem.severity === 'error' ? emitError : emitWarning
          emit(file, problem.ruleId, problem.reason, {place: from && to ? {start: from, end: to} : from, hint: problem.hint})
        }
      }
      if (!parsed.spec) return
      const caption = parsed.spec.title && !repeatsHeadingAbove(parent, index, parsed.spec.title)
        ? [{type: 'text', value: parsed.spec.title, data: {hName: 'figcaption'}} as unknown as PhrasingContent]
        : []
      const figure: Paragraph = {
        type: 'paragraph',
        children: caption,
        position: code.position,
        data: {hName: 'figure', hProperties: {className: ['figure', 'diagram-figure'], dataDiagram: JSON.stringify(parsed.spec)}}
      }
      parent.children.splice(index, 1, figure)
      return SKIP
    })
  }
}

function isDiagramKind(lang: string | null | undefined): lang is DiagramKind {
  return (diagramKinds as readonly string[]).includes(lang ?? '')
}
