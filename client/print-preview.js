// kenniskaart dev: the print preview (/<card>/print/). Draws every page of each PDF the
// server printed, side by side, with PDF.js; draws them again when the server says the card
// was printed anew, keeping the scroll position, and reloads when the list of PDFs changed.
import * as pdfjs from '/__kenniskaart/pdfjs/pdf.min.mjs'

pdfjs.GlobalWorkerOptions.workerSrc = '/__kenniskaart/pdfjs/pdf.worker.min.mjs'

const card = document.body.dataset.card
const status = document.querySelector('.preview-status')
/** CSS pixels a page is drawn wide. */
const pageWidth = 300
let version = 0

async function drawAll() {
  version++
  const drawing = version
  for (const section of document.querySelectorAll('section.publication')) {
    const pages = await drawPublication(`${section.dataset.pdf}?v=${Date.now()}`)
    // A newer print arrived meanwhile: its drawing wins
    if (drawing !== version) return
    section.querySelector('.pages').replaceChildren(...pages)
  }
}

async function drawPublication(url) {
  const document_ = await pdfjs.getDocument({url, isEvalSupported: false}).promise
  const figures = []
  for (let number = 1; number <= document_.numPages; number++) {
    const page = await document_.getPage(number)
    const unscaled = page.getViewport({scale: 1})
    const viewport = page.getViewport({scale: (pageWidth / unscaled.width) * (window.devicePixelRatio || 1)})
    const canvas = document.createElement('canvas')
    canvas.width = Math.floor(viewport.width)
    canvas.height = Math.floor(viewport.height)
    canvas.style.width = `${pageWidth}px`
    canvas.setAttribute('role', 'img')
    canvas.setAttribute('aria-label', `Page ${number} of ${document_.numPages}`)
    await page.render({canvas, canvasContext: canvas.getContext('2d'), viewport}).promise
    const figure = document.createElement('figure')
    figure.setAttribute('role', 'listitem')
    const caption = document.createElement('figcaption')
    caption.textContent = String(number)
    figure.append(canvas, caption)
    figures.push(figure)
  }
  await document_.destroy()
  return figures
}

/** The PDFs the page lists now, and those of the page as the server would make it now. */
async function listChanged() {
  const response = await fetch(location.href, {cache: 'no-store'})
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html')
  const list = (root) => [...root.querySelectorAll('section.publication')].map((section) => `${section.dataset.pdf} ${section.dataset.pages}`).join('\n')
  return list(fresh) !== list(document)
}

// The server's events, as the dev client passes them on (one event stream per page)
window.addEventListener('kenniskaart-event', async ({detail: event}) => {
  if (event.card !== card) return
  if (event.type === 'printing') status.textContent = 'Printing…'
  if (event.type === 'printed') {
    if (await listChanged()) return location.reload()
    await drawAll()
    status.textContent = `Printed at ${new Date().toLocaleTimeString()}`
  }
})

drawAll().catch((error) => {
  status.textContent = `Could not draw the pages: ${error.message}`
})
