import type {Position} from 'unist'
import type {PreflightMark, WatchedKind} from '../../render/preflight-marks.js'
import {themeAnchor} from '../../render/print-document.js'
import type {PrintedGeometry} from './printed-geometry.js'

/**
 * A problem the print preflight found in a printed publication. Plain data,
 * so a cached PDF keeps its findings and a build that reuses it reports
 * them again.
 */
export interface PreflightFinding {
  ruleId: 'pdf-box-split' | 'pdf-page-nearly-empty' | 'pdf-font-not-embedded' | 'pdf-text-outside-page'
  /** The slug of the theme it is in; none for the publication as a whole (a font). */
  theme?: string
  reason: string
  hint: string
  /** Where in the theme's Markdown, when known. */
  place?: Position
}

/** A page holding less content than this share of its text area's height counts as nearly empty. */
export const nearlyEmptyShare = 1 / 5

const boxNames: Record<WatchedKind, string> = {tips: 'TIPS box', figure: 'figure', table: 'table'}

/**
 * Check a printed publication's layout against its marks: a watched box
 * (TIPS box, figure, diagram, table) whose start and end marks landed on
 * different pages is split; a page a theme ran on to (not the page it
 * starts on) that holds no block going on to a later page, and whose lowest
 * mark is less than `nearlyEmptyShare` of the text area down (of the page,
 * when its height, `textAreaHeight` in points, is not known), is nearly
 * empty. Destinations are in
 * points from the top of the text area. Marks Chromium did not write (an
 * element not laid out) are left out.
 */
export function checkLayout(marks: readonly PreflightMark[], geometry: PrintedGeometry, pdfName: string, textAreaHeight?: number): PreflightFinding[] {
  const findings: PreflightFinding[] = []
  const placed = marks.flatMap((mark) => {
    const start = geometry.points.get(mark.startId)
    const end = geometry.points.get(mark.endId)
    return start && end ? [{mark, start, end}] : []
  })

  for (const {mark, start, end} of placed) {
    if (mark.kind === 'block' || start.page === end.page) continue
    const name = boxNames[mark.kind]
    findings.push({
      ruleId: 'pdf-box-split',
      theme: mark.theme,
      reason: `The ${name} is split across pages ${start.page} and ${end.page} of \`${pdfName}\``,
      hint: `Shorten the ${name} or the text before it, or keep it in one piece in the print stylesheet with \`break-inside: avoid\`.`,
      ...(mark.position && {place: mark.position})
    })
  }

  // Per page: the marks on it, and whether some block runs on past it
  const pageCount = geometry.pageHeights.length
  for (let page = 1; page <= pageCount; page++) {
    const onPage = placed.filter(({start, end}) => start.page === page || end.page === page)
    if (onPage.length === 0) continue
    const runsOn = placed.some(({start, end}) => start.page <= page && end.page > page)
    if (runsOn) continue
    const deepest = onPage.reduce((lowest, entry) => (entry.end.page === page && entry.end.fromTop > lowest.end.fromTop ? entry : lowest), onPage[0]!)
    const depth = deepest.end.page === page ? deepest.end.fromTop : 0
    const height = textAreaHeight ?? geometry.pageHeights[page - 1]!
    if (depth >= height * nearlyEmptyShare) continue
    const first = onPage[0]!.mark
    // A short theme's only page is short by design; a page the theme ran on to is what wastes paper
    if (geometry.points.get(themeAnchor(first.theme))?.page === page) continue
    const share = Math.round((depth / height) * 100)
    findings.push({
      ruleId: 'pdf-page-nearly-empty',
      theme: first.theme,
      reason: `Page ${page} of \`${pdfName}\` is nearly empty: its content ends ${share}% of the way down the page's text area, starting with this`,
      hint: 'Shorten the theme a little so this fits on the page before, or let it fill the page (a figure, a tip). Moving a pull quote or short closing block up can also help.',
      ...(first.position && {place: first.position})
    })
  }
  return findings
}

/** A finding for each font the PDF uses but does not embed. */
export function checkFonts(geometry: PrintedGeometry, pdfName: string): PreflightFinding[] {
  return geometry.unembeddedFonts.map((font) => ({
    ruleId: 'pdf-font-not-embedded',
    reason: `The font \`${font}\` is not embedded in \`${pdfName}\`: a printer or reader without it substitutes another`,
    hint: 'Give the theme the font as a file (its `fonts` list in theme.json, a @font-face with a url() in its stylesheet) rather than naming an installed font with local().'
  }))
}
