import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import puppeteer, {type Page} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../../src/pdf/find-browser.js'
import {copyCard, workFolder} from '../helpers/cli.js'
import {fixtureCardsDir} from '../helpers/content.js'
import {type DevProcess, type EventListener, get, listenToEvents, startDev} from '../helpers/dev-server.js'
import {readPdf} from '../helpers/read-pdf.js'

/** A tab of a real browser (its own, not the server's), with the errors its pages report. */
async function inBrowser(use: (tab: Page, problems: string[]) => Promise<void>): Promise<void> {
  const browser = await puppeteer.launch({executablePath: (await findBrowser()).executablePath, args: ['--no-sandbox'], headless: true})
  try {
    const tab = await browser.newPage()
    const problems: string[] = []
    tab.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())))
    tab.on('pageerror', (error) => void problems.push(String(error)))
    await use(tab, problems)
  } finally {
    await browser.close()
  }
}

/** The profile folders of the browsers a process started (Linux: read from /proc). */
function profilesOfChildren(pid: number): string[] {
  const found: string[] = []
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]
      if (Number(parent) !== pid) continue
      const profile = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').find((argument) => argument.startsWith('--user-data-dir='))
      if (profile) found.push(profile.slice('--user-data-dir='.length))
    } catch {
      // The process ended meanwhile
    }
  }
  return found
}

// The print preview of `kenniskaart dev`: PDFs printed on request with the real browser, served over real HTTP
describe('kenniskaart dev, print preview', () => {
  let dir: string
  let dev: DevProcess
  let events: EventListener
  const theme = () => path.join(dir, 'content', 'samen', '02-voorbereiden.md')

  beforeAll(async () => {
    ;({dir} = await workFolder())
    const card = await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const index = path.join(card, 'index.md')
    await writeFile(index, (await readFile(index, 'utf8')).replace('contact:', 'handouts:\n  - slug: voorbereiding\n    themes: [voorbereiden]\n    size: A5\ncontact:'))
    dev = await startDev(['--port', '0'], {cwd: dir})
    events = await listenToEvents(dev.url)
  }, 60_000)
  afterAll(async () => {
    events?.close()
    await dev?.stop()
  })

  it('prints a card\'s PDF on request, at its path in the built site', async () => {
    const response = await get(dev.url, '/samen/samen.pdf')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    const pdf = await readPdf(response.body)
    expect(pdf.pageTexts.join('\n')).toContain('Voorbereiden')
  }, 60_000)

  it('prints a handout too', async () => {
    const response = await get(dev.url, '/samen/handouts/voorbereiding.pdf')
    expect(response.status).toBe(200)
    const pdf = await readPdf(response.body)
    expect(pdf.pageTexts.join('\n')).toContain('Voorbereiden')
    expect(pdf.pageTexts.join('\n')).not.toContain('Feedback geven')
    expect((await get(dev.url, '/samen/handouts/bestaat-niet.pdf')).status).toBe(404)
  }, 60_000)

  it('shows every printed page side by side at /<card>/print/, drawn in the page under its own policy', async () => {
    const page = await get(dev.url, '/samen/print/')
    expect(page.status).toBe(200)
    const listed = [...page.text.matchAll(/data-pdf="([^"]+)" data-pages="(\d+)"/g)].map(([, pdf, pages]) => [pdf, Number(pages)] as const)
    expect(listed.map(([pdf]) => pdf)).toEqual(['/samen/samen.pdf', '/samen/handouts/voorbereiding.pdf'])

    await inBrowser(async (tab, problems) => {
      // Each event stream holds one of the six connections a browser opens to a host: a page opens one
      const streams: string[] = []
      tab.on('request', (request) => void (request.url().endsWith('/__kenniskaart/events') && streams.push(request.url())))
      await tab.goto(`${dev.url}samen/print/`)
      const pages = listed.reduce((sum, [, count]) => sum + count, 0)
      await tab.waitForFunction(`document.querySelectorAll('.pages canvas').length === ${pages}`, {timeout: 30_000})
      // The pages are drawn, not blank: the first page's canvas has dark pixels (text)
      const inked = (await tab.evaluate(`(() => {
        const canvas = document.querySelector('.pages canvas')
        const {data} = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
        let dark = 0
        for (let at = 0; at < data.length; at += 4) if (data[at] < 100 && data[at + 1] < 100 && data[at + 2] < 100) dark++
        return dark
      })()`)) as number
      expect(inked).toBeGreaterThan(100)
      expect(problems).toEqual([])
      expect(streams).toHaveLength(1)
    })
  }, 90_000)

  it('prints again after an edit, and the PDF served has the change', async () => {
    const since = events.events.length
    await writeFile(theme(), (await readFile(theme(), 'utf8')).replace('title: "Voorbereiden"', 'title: "Samen voorbereiden"'))
    await events.next((event) => event.type === 'printed' && event.card === 'samen', {since, timeoutMs: 60_000, context: dev.stderr})
    const pdf = await readPdf((await get(dev.url, '/samen/samen.pdf')).body)
    expect(pdf.pageTexts.join('\n')).toContain('Samen voorbereiden')
    expect(dev.stderr()).toMatch(/Printed samen in [\d.]+ s: samen\/handouts\/voorbereiding\.pdf \(\d+ p\.\), samen\/samen\.pdf \(\d+ p\.\)/)
  }, 90_000)

  it('serves the last good PDF while the content has errors', async () => {
    const good = await readFile(theme(), 'utf8')
    const since = events.events.length
    await writeFile(theme(), good.replace('title: "Samen voorbereiden"', 'title: "Kapot'))
    await events.next((event) => event.type === 'status' && event.ok === false, {since, context: dev.stderr})
    const response = await get(dev.url, '/samen/samen.pdf')
    expect(response.status).toBe(200)
    expect((await readPdf(response.body)).pageTexts.join('\n')).toContain('Samen voorbereiden')
    await writeFile(theme(), good)
    await events.next((event) => event.type === 'status' && event.ok === true, {since, context: dev.stderr})
  }, 90_000)

  it('reloads an open page after a save, shows the findings over it after a broken save, and takes them away after the fix', async () => {
    await inBrowser(async (tab, problems) => {
      await tab.goto(`${dev.url}samen/voorbereiden/`)
      // The dev client marks the page once it follows the server
      const live = `document.documentElement.dataset.kenniskaartDev === 'live'`
      await tab.waitForFunction(live)
      const good = await readFile(theme(), 'utf8')

      const reloaded = tab.waitForNavigation({timeout: 10_000})
      await writeFile(theme(), good.replace('Ze spreken af', 'Ze spreken vooraf af'))
      await reloaded
      expect(await tab.content()).toContain('Ze spreken vooraf af')

      await tab.waitForFunction(live)
      await writeFile(theme(), good.replace(/^title: .*$/m, 'title: "Kapot <img src=x onerror=alert(1)>'))
      // The overlay follows the last build: a write seen half done may show other findings first, so wait for this one
      const findings = `[...(document.querySelector('kenniskaart-overlay')?.shadowRoot?.querySelectorAll('.finding') ?? [])]`
      const ours = `${findings}.find((finding) => finding.querySelector('.place').textContent === 'content/samen/02-voorbereiden.md:2:8')`
      await tab.waitForFunction(`${ours} !== undefined`, {timeout: 10_000})
      const overlay = (await tab.evaluate(`(() => {
        const root = document.querySelector('kenniskaart-overlay').shadowRoot
        const finding = ${ours}
        return {text: root.textContent, images: root.querySelectorAll('img').length, place: finding.querySelector('.place').textContent, frame: finding.querySelector('.frame').textContent}
      })()`)) as {text: string; images: number; place: string; frame: string}
      expect(overlay.place).toBe('content/samen/02-voorbereiden.md:2:8')
      expect(overlay.frame).toContain('2 | title: "Kapot <img src=x onerror=alert(1)>')
      // The content's text is shown as text, never made into elements
      expect(overlay.images).toBe(0)
      // The page under it is the last good one
      expect(await tab.content()).toContain('Ze spreken vooraf af')

      await writeFile(theme(), good)
      await tab.waitForFunction(`document.querySelector('kenniskaart-overlay') === null`, {timeout: 10_000})
      expect(problems).toEqual([])
    })
  }, 60_000)

  it('closes its browser on Ctrl-C and leaves no profile behind, even when Ctrl-C is pressed twice', async () => {
    const profiles = profilesOfChildren(dev.child.pid!)
    expect(profiles).toHaveLength(1)
    expect(existsSync(profiles[0]!)).toBe(true)
    events.close()
    dev.child.kill('SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const stopped = await dev.stop('SIGINT')
    expect(stopped.code).toBe(0)
    expect(stopped.ms).toBeLessThan(3000)
    expect(existsSync(profiles[0]!)).toBe(false)
  }, 30_000)
})
