// kenniskaart dev: the client every page of the dev server gets (never the output of `build`).
// It listens to the server's events (and passes each on to the page's own scripts as a
// `kenniskaart-event` on window): it reloads the page when a build changed it (or a
// stylesheet, font or image), and shows the content's findings over the page while the
// content has errors. Everything it shows is set as text, never as HTML.

const events = new EventSource('/__kenniskaart/events')
let lostConnection = false

/** The output path of this page, as the server's events name it. */
function pagePath() {
  const path = decodeURIComponent(location.pathname).replace(/^\//, '')
  return path === '' || path.endsWith('/') ? `${path}index.html` : path
}

events.addEventListener('message', (message) => {
  const event = JSON.parse(message.data)
  // The page's own scripts (the print preview) hear the events from here: a browser opens
  // only six connections to a host, and each event stream keeps one
  window.dispatchEvent(new CustomEvent('kenniskaart-event', {detail: event}))
  if (event.type === 'status') showStatus(event)
  if (event.type === 'reload') {
    const own = pagePath()
    const affects = event.paths.some((path) => path === own || !/\.(?:html|pdf)$/.test(path))
    if (affects) location.reload()
  }
})
events.addEventListener('open', () => {
  // The server came back (restarted): what it serves may have changed
  if (lostConnection) location.reload()
  // Marks a page that follows the server (and lets tools wait for it)
  document.documentElement.dataset.kenniskaartDev = 'live'
})
events.addEventListener('error', () => {
  lostConnection = true
  document.documentElement.dataset.kenniskaartDev = 'lost'
})

let overlay

function showStatus(status) {
  if (status.ok && !status.problem) {
    overlay?.remove()
    overlay = undefined
    return
  }
  const errors = status.findings.filter((finding) => finding.severity === 'error')
  if (errors.length === 0 && !status.problem) return
  overlay?.remove()
  overlay = document.createElement('kenniskaart-overlay')
  const root = overlay.attachShadow({mode: 'open'})
  const style = document.createElement('link')
  style.rel = 'stylesheet'
  style.href = '/__kenniskaart/dev-overlay.css'
  root.append(style)

  const panel = element('section', 'panel')
  panel.setAttribute('role', 'alertdialog')
  panel.setAttribute('aria-labelledby', 'kenniskaart-overlay-title')
  const title = element('h2', 'title', status.problem ? status.problem.message : `${count(errors.length, 'error')} in the content`)
  title.id = 'kenniskaart-overlay-title'
  const close = element('button', 'close', '×')
  close.type = 'button'
  close.setAttribute('aria-label', 'Hide until the next change')
  close.addEventListener('click', () => overlay.remove())
  panel.append(close, title, element('p', 'note', 'The page shows the last good build. Fix the file and save: this goes away by itself.'))
  if (status.problem?.hint) panel.append(element('p', 'hint', status.problem.hint))

  for (const finding of status.findings) {
    const item = element('article', `finding ${finding.severity}`)
    const place = element('p', 'place', `${finding.file}:${finding.line}:${finding.column}`)
    const what = element('p', 'message')
    what.append(element('span', 'severity', finding.severity), ' ', finding.message, ' ', element('span', 'rule', finding.rule))
    item.append(place, what)
    if (finding.frame.length > 0) item.append(element('pre', 'frame', finding.frame.join('\n')))
    if (finding.hint) item.append(element('p', 'hint', `hint: ${finding.hint}`))
    panel.append(item)
  }
  const backdrop = element('div', 'backdrop')
  backdrop.append(panel)
  root.append(backdrop)
  document.documentElement.append(overlay)
  close.focus({preventScroll: true})
}

function element(name, className, text) {
  const node = document.createElement(name)
  node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function count(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
