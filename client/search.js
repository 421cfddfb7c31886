// The search box of a kenniskaart site: Pagefind's index (pagefind/ at the site's root), asked
// from the box in the page header. The page's renderer writes the box hidden, with the relative
// URL of the site's root and the labels in the card's language as data attributes; this script
// shows it. Results are built with DOM calls and text only: an excerpt's <mark> tags become
// <mark> elements, everything else in it is text, whatever the index holds.

/** Most results shown at once. */
const shownResults = 8

/**
 * A Pagefind excerpt as parts: text, and text to highlight (between
 * `<mark>` and `</mark>`). Pagefind writes `<` and `>` of the page's text
 * as `&lt;` and `&gt;` (and nothing else as an entity), so a `<mark>` in
 * the text itself never reads as one; they are decoded here into text.
 * Nothing else in the excerpt is markup.
 *
 * @param {string} excerpt
 * @returns {Array<{text: string, marked: boolean}>}
 */
export function excerptParts(excerpt) {
  const parts = []
  let marked = false
  for (const piece of String(excerpt).split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true
    else if (piece === '</mark>') marked = false
    else if (piece !== '') parts.push({text: piece.replaceAll('&lt;', '<').replaceAll('&gt;', '>'), marked})
  }
  return parts
}

/**
 * Append an excerpt to `parent`: text nodes and `<mark>` elements only.
 *
 * @param {Element} parent
 * @param {string} excerpt
 */
export function appendExcerpt(parent, excerpt) {
  const document = parent.ownerDocument
  for (const part of excerptParts(excerpt)) {
    if (part.marked) {
      const mark = document.createElement('mark')
      mark.textContent = part.text
      parent.append(mark)
    } else {
      parent.append(document.createTextNode(part.text))
    }
  }
}

/** @param {string} label @param {Record<string, string | number>} values */
function fill(label, values) {
  return label.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole))
}

/** @param {HTMLElement} box */
function startSearch(box) {
  // Read from the file system, a browser refuses to load the index: the box stays hidden
  if (location.protocol === 'file:') return
  const root = new URL(box.dataset.searchRoot ?? './', document.baseURI)
  const input = /** @type {HTMLInputElement} */ (box.querySelector('.site-search-input'))
  const status = /** @type {HTMLElement} */ (box.querySelector('.site-search-status'))
  const list = /** @type {HTMLOListElement} */ (box.querySelector('.site-search-results'))
  // On a card's pages: search that card alone (the index's filter by card)
  const scope = /** @type {HTMLInputElement | null} */ (box.querySelector('.site-search-scope-input'))
  if (!input || !status || !list) return
  const labels = box.dataset
  /** @type {Promise<any> | undefined} */
  let loading
  const pagefind = () =>
    (loading ??= import(new URL('pagefind/pagefind.js', root).href).then(async (module) => {
      // Result URLs are kept from the site's root: under a subfolder they start with it. Pagefind
      // searches in this page, not in a web worker: a worker is not bound by the page's policy
      await module.options({baseUrl: root.pathname, noWorker: true})
      await module.init()
      return module
    }))
  let latest = 0

  const clear = () => {
    list.replaceChildren()
    list.hidden = true
    status.textContent = ''
  }

  const show = (query, total, results) => {
    const items = results.map((result) => {
      const item = document.createElement('li')
      item.className = 'site-search-result'
      const link = document.createElement('a')
      link.className = 'site-search-result-link'
      link.href = result.url
      const title = document.createElement('span')
      title.className = 'site-search-result-title'
      title.textContent = result.meta?.title ?? result.url
      link.append(title)
      if (result.meta?.card && result.meta.card !== result.meta.title) {
        const card = document.createElement('span')
        card.className = 'site-search-result-card'
        card.textContent = result.meta.card
        link.append(card)
      }
      const excerpt = document.createElement('p')
      excerpt.className = 'site-search-result-excerpt'
      appendExcerpt(excerpt, result.excerpt ?? '')
      item.append(link, excerpt)
      return item
    })
    list.replaceChildren(...items)
    list.hidden = items.length === 0
    status.textContent =
      total === 0 ? fill(labels.labelNoResults ?? '', {query}) : fill(total === 1 ? (labels.labelResultsOne ?? '') : (labels.labelResultsOther ?? ''), {count: total})
  }

  const search = async () => {
    const query = input.value.trim()
    const asked = ++latest
    if (query === '') return clear()
    try {
      const module = await pagefind()
      const found = await module.debouncedSearch(query, scope?.checked ? {filters: {card: scope.value}} : {}, 150)
      // A newer search replaced this one
      if (found === null || asked !== latest) return
      const results = await Promise.all(found.results.slice(0, shownResults).map((result) => result.data()))
      if (asked === latest) show(query, found.results.length, results)
    } catch {
      if (asked !== latest) return
      list.replaceChildren()
      list.hidden = true
      status.textContent = labels.labelFailed ?? ''
    }
  }

  const links = () => [...list.querySelectorAll('.site-search-result-link')]
  input.addEventListener('input', () => void search())
  scope?.addEventListener('change', () => void search())
  // The index loads when the box is first used, not with every page
  input.addEventListener('focus', () => void pagefind().catch(() => undefined), {once: true})
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && links().length > 0)) {
      const first = links()[0]
      if (first) {
        event.preventDefault()
        first.focus()
      }
    } else if (event.key === 'Escape') {
      input.value = ''
      clear()
    }
  })
  list.addEventListener('keydown', (event) => {
    const all = links()
    const at = all.indexOf(/** @type {Element} */ (document.activeElement))
    if (event.key === 'ArrowDown' && at >= 0 && at < all.length - 1) {
      event.preventDefault()
      all[at + 1].focus()
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault()
      ;(at === 0 ? input : all[at - 1]).focus()
    } else if (event.key === 'Escape') {
      input.focus()
    }
  })
  box.hidden = false
}

if (typeof document !== 'undefined') {
  const box = document.querySelector('[data-search-root]')
  if (box instanceof HTMLElement) startSearch(box)
}
