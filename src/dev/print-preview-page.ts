import {h} from 'hastscript'
import {stringifyHtml} from '../render/stringify.js'
import {devPrefix} from './dev-page.js'
import type {CardPrint} from './print-service.js'

/**
 * The print preview's policy: its scripts (the dev client, the page's own
 * and PDF.js, which draws the pages, and PDF.js's worker, which falls under
 * script-src) from this server, the PDFs and the event stream fetched from
 * it; the pictures and fonts PDF.js makes of a PDF; nothing else.
 */
export const printPreviewPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ')

/**
 * `/<card>/print/`: every publication of a card (the whole card, each
 * handout) with its printed pages side by side, drawn in the page from the
 * PDFs the server prints (see client/print-preview.js). The page follows
 * each new print of the card by itself.
 */
export function printPreviewPage(card: string, print: CardPrint): string {
  // The whole card first, then its handouts by name
  const wholeCard = `${card}/${card}.pdf`
  const pdfs = [...print.pdfs].sort((a, b) => Number(b.path === wholeCard) - Number(a.path === wholeCard) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const sections = pdfs.map((pdf) =>
    h('section.publication', {dataPdf: `/${pdf.path}`, dataPages: String(pdf.pageCount)}, [
      h('header', [
        h('h2', publicationLabel(card, pdf.path)),
        h('p', [`${pdf.pageCount} ${pdf.pageCount === 1 ? 'page' : 'pages'} · `, h('a', {href: `/${pdf.path}`}, `/${pdf.path}`)])
      ]),
      h('div.pages', {role: 'list', ariaLabel: `Pages of ${publicationLabel(card, pdf.path)}`})
    ])
  )
  const problem = print.problem ?? (print.ok ? undefined : {message: 'The content has errors: the card cannot be printed until they are fixed (see the terminal).'})
  const tree = h(null, [
    {type: 'doctype'},
    h('html', {lang: 'en'}, [
      h('head', [
        h('meta', {charSet: 'utf-8'}),
        h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
        h('meta', {httpEquiv: 'Content-Security-Policy', content: printPreviewPolicy}),
        h('title', `Print preview · ${card}`),
        h('link', {rel: 'icon', href: 'data:,'}),
        h('link', {rel: 'stylesheet', href: `${devPrefix}print-preview.css`}),
        h('script', {type: 'module', src: `${devPrefix}print-preview.js`}),
        h('script', {type: 'module', src: `${devPrefix}dev-client.js`})
      ]),
      h('body', {dataCard: card}, [
        h('header.preview-header', [
          h('h1', ['Print preview: ', card]),
          h('p', [h('a', {href: `/${card}/`}, 'The card page'), ' · ', h('span.preview-status', {role: 'status'}, print.ok ? 'Up to date' : 'Not printed')])
        ]),
        problem ? h('p.preview-problem', [problem.message, problem.hint ? ` ${problem.hint}` : '']) : undefined,
        h('main', sections.length > 0 ? sections : [h('p', 'Nothing printed yet.')])
      ])
    ])
  ])
  return stringifyHtml(tree)
}

/** "The whole card" or "Handout: <slug>", by where the PDF is written (see `publicationPath`). */
function publicationLabel(card: string, path: string): string {
  if (path === `${card}/${card}.pdf`) return 'The whole card'
  const handout = /\/handouts\/(.+)\.pdf$/.exec(path)?.[1]
  return handout === undefined ? path : `Handout: ${handout}`
}
