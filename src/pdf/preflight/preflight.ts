import type {Publication} from '../../card/publication.js'
import type {TextArea} from '../browser.js'
import type {PreflightMark} from '../../render/preflight-marks.js'
import {emitWarning} from '../../report/emit.js'
import {checkFonts, checkLayout, type PreflightFinding} from './check-print.js'
import {printedGeometry} from './printed-geometry.js'

export type {PreflightFinding} from './check-print.js'

/**
 * The print preflight of one printed PDF: boxes split across pages,
 * nearly empty pages, fonts not embedded. Read from the PDF Chromium
 * wrote (before it is finished), with the marks its print document
 * carried, and the size of the page's text area as the browser measured
 * it (see text-outside.ts); nothing found when the PDF cannot be read
 * lightly.
 */
export function preflight(bytes: Uint8Array, marks: readonly PreflightMark[], pdfName: string, textArea?: TextArea): PreflightFinding[] {
  const geometry = printedGeometry(bytes)
  if (!geometry) return []
  // CSS pixels to PDF points
  const textAreaHeight = textArea && textArea.height * 0.75
  return [...checkLayout(marks, geometry, pdfName, textAreaHeight), ...checkFonts(geometry, pdfName)]
}

/**
 * Report a publication's preflight findings as warnings: a theme's on the
 * theme's Markdown file (at the box or block, where known), the others on
 * the card's index.md. A build that reuses a cached PDF reports its stored
 * findings the same way.
 */
export function reportPreflight(publication: Publication, findings: readonly PreflightFinding[]): void {
  const {card} = publication
  for (const finding of findings) {
    const file = card.themes.find((theme) => theme.slug === finding.theme)?.file ?? card.file
    emitWarning(file, finding.ruleId, finding.reason, {place: finding.place, hint: finding.hint})
  }
}

/** The findings with one per rule and place (a box both split and too tall is reported once, as split). */
export function onePerPlace(findings: readonly PreflightFinding[]): PreflightFinding[] {
  const seen = new Set<string>()
  return findings.filter((finding) => {
    const key = `${finding.ruleId}\0${finding.theme ?? ''}\0${finding.place?.start.line ?? ''}:${finding.place?.start.column ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
