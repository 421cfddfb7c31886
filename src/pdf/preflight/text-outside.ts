import type {PreflightMark} from '../../render/preflight-marks.js'
import type {PrintPage, TextArea} from '../browser.js'
import {themeAnchor} from '../../render/print-document.js'
import type {PreflightFinding} from './check-print.js'

/**
 * The size of the page's text area in CSS pixels, evaluated in the print
 * page: the `size` and `margin` of its `@page` rules (the last that sets
 * each wins; a percentage is of the page's width or height, as CSS Paged
 * Media says), read from its stylesheets.
 */
const textArea = `(() => {
  const mm = 96 / 25.4
  const sizes = {a3: [297, 420], a4: [210, 297], a5: [148, 210], a6: [105, 148], b4: [250, 353], b5: [176, 250], letter: [215.9, 279.4], legal: [215.9, 355.6], ledger: [279.4, 431.8]}
  const probe = document.createElement('div')
  probe.style.position = 'absolute'
  probe.style.visibility = 'hidden'
  document.body.append(probe)
  const pixels = (value, base) => {
    value = value.trim()
    if (value === '' || value === 'auto') return undefined
    if (value.endsWith('%')) return (parseFloat(value) / 100) * base
    probe.style.width = value
    return probe.getBoundingClientRect().width
  }
  let size = ''
  const margins = {top: '', right: '', bottom: '', left: ''}
  const visit = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSPageRule && rule.selectorText === '') {
        size = rule.style.getPropertyValue('size') || size
        for (const side of Object.keys(margins)) margins[side] = rule.style.getPropertyValue('margin-' + side) || margins[side]
      } else if (rule.cssRules && !(rule instanceof CSSPageRule)) visit(rule.cssRules)
    }
  }
  for (const sheet of document.styleSheets) {
    try { visit(sheet.cssRules) } catch {}
  }
  const words = size.toLowerCase().split(/\\s+/).filter(Boolean)
  const named = words.map((word) => sizes[word]).find(Boolean)
  const lengths = words.filter((word) => !sizes[word] && word !== 'portrait' && word !== 'landscape')
  let width = named ? named[0] * mm : lengths.length > 0 ? pixels(lengths[0], 0) : 210 * mm
  let height = named ? named[1] * mm : lengths.length > 0 ? pixels(lengths[1] ?? lengths[0], 0) : 297 * mm
  if (named && words.includes('landscape')) [width, height] = [height, width]
  const area = {
    width: width - (pixels(margins.left, width) ?? 0) - (pixels(margins.right, width) ?? 0),
    height: height - (pixels(margins.top, height) ?? 0) - (pixels(margins.bottom, height) ?? 0)
  }
  probe.remove()
  return area
})()`

/**
 * In the print page laid out at the text area's width: each block of a
 * theme with text (or an image, SVG or table) that reaches past the left
 * or right edge of the theme's article, once per block, with the id of the
 * block's first preflight mark and the start of the text.
 */
const blocksOutside = `(() => {
  const found = []
  const tall = []
  const range = document.createRange()
  for (const article of document.querySelectorAll('article.theme')) {
    const box = article.getBoundingClientRect()
    const outside = (rect) => rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1)
    const blockOf = (node) => {
      let element = node.nodeType === 1 ? node : node.parentElement
      while (element && element.parentElement && element.parentElement !== article && !element.parentElement.classList.contains('theme-body')) element = element.parentElement
      return element
    }
    const seen = new Set()
    const report = (node, text) => {
      const block = blockOf(node)
      if (!block || seen.has(block)) return
      seen.add(block)
      const mark = block.querySelector('.preflight-mark')
      found.push({article: article.id, mark: mark ? mark.id : '', text: text.replace(/\\s+/g, ' ').trim().slice(0, 60)})
    }
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue.trim()) continue
      range.selectNodeContents(node)
      if ([...range.getClientRects()].some(outside)) report(node, node.nodeValue)
    }
    for (const element of article.querySelectorAll('img, svg, table, pre')) {
      if (outside(element.getBoundingClientRect())) report(element, element.getAttribute('alt') || element.textContent || element.tagName)
    }
    // A box to keep whole that is taller than the text area: split, or cut off where it cannot break
    for (const element of article.querySelectorAll('.tips, .theme-body > figure, .theme-body > table')) {
      const height = element.getBoundingClientRect().height
      const mark = element.querySelector('.preflight-mark')
      if (height > innerHeight + 1) tall.push({article: article.id, mark: mark ? mark.id : '', height, area: innerHeight})
    }
  }
  return {found, tall}
})()`

interface Outside {
  article: string
  mark: string
  text: string
}

interface Tall {
  article: string
  mark: string
  height: number
  area: number
}

/**
 * Text outside the page box, sideways: the blocks of the publication's
 * themes that are wider than the page's text area as the browser lays them out for
 * print (a long word or address that cannot wrap, a wide table or
 * picture), each a finding at the block in the theme's Markdown; a TIPS
 * box, figure or table taller than the text area (Chromium splits it, or
 * cuts it off at the page's bottom when it holds columns); and the size of
 * the text area, for the checks on the PDF.
 */
export async function checkTextOutside(page: PrintPage, marks: readonly PreflightMark[], pdfName: string): Promise<{findings: PreflightFinding[]; area: TextArea | undefined}> {
  const inspected = await page.inspectPrintLayout?.(textArea, blocksOutside)
  const {found, tall} = (inspected?.value ?? {}) as {found?: Outside[]; tall?: Tall[]}
  if (!Array.isArray(found) || !Array.isArray(tall)) return {findings: [], area: inspected?.area}
  const byId = new Map(marks.map((mark) => [mark.startId, mark]))
  const findings: PreflightFinding[] = found.map((outside) => {
    const mark = byId.get(outside.mark)
    const theme = mark?.theme ?? outside.article.slice(themeAnchor('').length)
    return {
      ruleId: 'pdf-text-outside-page',
      theme,
      reason: `Text runs past the edge of the page's text area in \`${pdfName}\`: “${outside.text}”`,
      hint: 'A long word, address or code that cannot wrap, or a table or picture wider than the page: break the word (a soft hyphen, `<wbr>`), shorten the table, or make the picture smaller.',
      ...(mark?.position && {place: mark.position})
    }
  })
  const mm = (pixels: number) => Math.round((pixels * 25.4) / 96)
  for (const box of tall) {
    const mark = byId.get(box.mark)
    if (!mark || mark.kind === 'block') continue
    const name = {tips: 'TIPS box', figure: 'figure', table: 'table'}[mark.kind]
    findings.push({
      ruleId: 'pdf-box-split',
      theme: mark.theme,
      reason: `The ${name} is taller than a page (${mm(box.height)} mm, the page's text area ${mm(box.area)} mm) in \`${pdfName}\`: it is split across pages, or cut off where it cannot break`,
      hint: `Shorten the ${name}, or split it in two.`,
      ...(mark.position && {place: mark.position})
    })
  }
  return {findings, area: inspected?.area}
}
