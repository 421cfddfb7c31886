// The finished HTML of a card's print document, for bench/floor.js to print: the same print document a
// build prints, with its page numbers filled in, and the site's files beside it. It uses the compiled
// library (lib/), so `npm run build` first. Prints one JSON line: {url, executablePath}.
// Usage: node bench/print-document.js <content> <card> <dir>
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {build} from '../lib/build.js'
import {cardPublication} from '../lib/card/publication.js'
import {printedLayout} from '../lib/pdf/destination-pages.js'
import {findBrowser} from '../lib/pdf/find-browser.js'
import {renderPrintDocument} from '../lib/render/print-document.js'

const [contentDir, slug, dir] = process.argv.slice(2)
const site = await build({contentDir, pdf: false})
const card = site.cards.find((entry) => entry.slug === slug)
if (!card) throw new Error(`no card ${slug} in ${contentDir}`)
const publication = cardPublication(card)
const numbered = await build({contentDir, card: slug, pdf: {}})
const {pages} = await printedLayout(numbered.pdfs[0].contents)
const document = renderPrintDocument(publication, pages)
const files = [
  ...site.pages,
  {path: document.path, contents: document.html},
  {path: document.stylesheet.path, contents: document.stylesheet.contents}
]
for (const file of files) {
  const target = path.join(dir, file.path)
  mkdirSync(path.dirname(target), {recursive: true})
  writeFileSync(target, file.contents)
}
const {executablePath} = await findBrowser()
console.log(JSON.stringify({url: pathToFileURL(path.join(dir, document.path)).href, executablePath}))
