import type {VFile} from 'vfile'
import {codeFrame} from '../report/code-frame.js'
import {collectFindings, collectSources, type Finding} from '../report/findings.js'

/** A finding as the page's overlay shows it: where, what, and the code frame as plain lines. */
export interface OverlayFinding extends Finding {
  frame: string[]
}

/** Columns a frame line takes on the overlay. */
const frameWidth = 100

/**
 * The findings of a build for the overlay, sorted as the terminal shows
 * them, each with its code frame (no colour: the page draws the carets'
 * line in its own colour). The page sets them as text, never as HTML.
 */
export function overlayFindings(files: VFile[]): OverlayFinding[] {
  const sources = collectSources(files)
  const lines = new Map<string, string[]>()
  const linesOf = (file: string) => {
    if (!lines.has(file)) lines.set(file, sources.get(file)?.split(/\r\n|\r|\n/) ?? [])
    return lines.get(file)!
  }
  return collectFindings(files).map((finding) => {
    const line = linesOf(finding.file)[finding.line - 1]
    const frame = line === undefined ? [] : codeFrame(line, finding, {width: frameWidth, paintGutter: (text) => text, paintMarker: (text) => text})
    return {...finding, frame}
  })
}
