import {readdir} from 'node:fs/promises'
import path from 'node:path'
import type {Browser, Page} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {bundledContentDir, tempContent, themeMarkdown} from '../helpers/content.js'
import {type ServedFolder, serveFolder} from '../helpers/serve-folder.js'
import {tempFolder} from '../helpers/temp-folders.js'
import {launchPageBrowser} from '../helpers/shared-browser.js'

// Slow: the bundled content and a hostile card built by the real CLI, served under /kennis/ over
// real HTTP, and searched in headless Chromium with the pages' own Content-Security-Policy.

/** What a page did that a search must not make it do. */
interface PageTrouble {
  violations: string[]
  console: string[]
  errors: string[]
  dialogs: string[]
}

/** Open a page, recording CSP violations, console errors and warnings, uncaught errors and dialogs. */
async function openPage(browser: Browser, url: string): Promise<{page: Page; trouble: PageTrouble}> {
  const page = await browser.newPage()
  const trouble: PageTrouble = {violations: [], console: [], errors: [], dialogs: []}
  await page.exposeFunction('__reportViolation', (text: string) => trouble.violations.push(text))
  await page.evaluateOnNewDocument(`document.addEventListener('securitypolicyviolation', (event) => window.__reportViolation(event.violatedDirective + ' ' + event.blockedURI))`)
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') trouble.console.push(`${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => trouble.errors.push(String(error)))
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const response = await page.goto(url, {waitUntil: 'load'})
  expect(response?.status(), url).toBe(200)
  return {page, trouble}
}

interface ShownResult {
  href: string
  title: string
  card: string
  excerpt: string
  marks: string[]
  elements: string[]
}

/** Type a query into the page's search box and wait for its results (or its status). */
async function search(page: Page, query: string): Promise<{status: string; results: ShownResult[]}> {
  await page.waitForSelector('.site-search:not([hidden]) .site-search-input', {visible: true})
  await page.click('.site-search-input')
  await page.type('.site-search-input', query)
  await page.waitForFunction(`document.querySelector('.site-search-status')?.textContent !== ''`, {timeout: 10_000})
  return (await page.evaluate(`({
    status: document.querySelector('.site-search-status').textContent,
    results: [...document.querySelectorAll('.site-search-result')].map((item) => ({
      href: item.querySelector('a').href,
      title: item.querySelector('.site-search-result-title').textContent,
      card: item.querySelector('.site-search-result-card')?.textContent ?? '',
      excerpt: item.querySelector('.site-search-result-excerpt').textContent,
      marks: [...item.querySelectorAll('mark')].map((mark) => mark.textContent),
      elements: [...item.querySelectorAll('*')].map((element) => element.localName)
    }))
  })`)) as {status: string; results: ShownResult[]}
}

const noTrouble: PageTrouble = {violations: [], console: [], errors: [], dialogs: []}

describe('search across cards, served under /kennis/', () => {
  let browser: Browser
  let bundled: ServedFolder
  let hostile: ServedFolder
  let bundledOut: string

  beforeAll(async () => {
    const work = await tempFolder('kenniskaart-search-')
    bundledOut = path.join(work, 'bundled')
    const built = await runCli(['build', '--content', bundledContentDir, '--out', bundledOut, '--no-pdf', '--no-cache', '--quiet'], {cwd: work})
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)

    // Titles with markup characters, text that looks like HTML, and a card in English
    const content = await tempContent()
    await content.writeCard('kaart', {
      'index.md': `---\ntitle: "Kaart <b>vet</b> & \\"citaat\\" 50% #1"\nlang: nl\nsources: []\n---\n\nInleiding.\n`,
      '01-eerste.md': themeMarkdown(
        '<img src=x onerror=alert(1)> & 100% #kop',
        'Het zoekwoord staat hier naast `<img src=x onerror=alert(2)>` en &lt;mark&gt;nep&lt;/mark&gt;.'
      )
    })
    await content.writeCard('english-card', {
      'index.md': `---\ntitle: "An English card"\nlang: en\nsources: []\n---\n\nIntroduction.\n`,
      '01-teaching.md': themeMarkdown('Teaching together', 'Teachers learn from each other when they plan lessons together.')
    })
    const hostileOut = path.join(work, 'hostile')
    const hostileBuilt = await runCli(['build', '--content', content.dir, '--out', hostileOut, '--no-pdf', '--no-cache', '--quiet'], {cwd: work})
    expect(hostileBuilt.code, hostileBuilt.stderr).toBe(0)

    bundled = await serveFolder(bundledOut, '/kennis/')
    hostile = await serveFolder(hostileOut, '/kennis/')
    browser = await launchPageBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await bundled?.close()
    await hostile?.close()
  })

  it('finds "leerkracht" when asked for "leerkrachten" (Dutch stemming), on a theme page under /kennis/, and its result opens a page there by keyboard', async () => {
    const {page, trouble} = await openPage(browser, `${bundled.url}professionele-leercultuur/basis-voor-professionalisering/`)
    try {
      const {status, results} = await search(page, 'leerkrachten')
      expect(status).toMatch(/^\d+ resultaten?$/)
      expect(results.length).toBeGreaterThan(0)
      const found = results.filter((result) => /leerkracht/i.test(`${result.title} ${result.excerpt}`))
      expect(found.length).toBeGreaterThan(0)
      // The stem found the singular too: a highlighted "leerkracht" that is not "leerkrachten"
      expect(results.flatMap((result) => result.marks).some((mark) => /^leerkracht(?!en)/i.test(mark))).toBe(true)
      for (const result of results) expect(new URL(result.href).pathname, result.href).toMatch(/^\/kennis\/[a-z-]+\/([a-z-]+\/)?$/)
      // Results carry the theme's title and the card's
      expect(results.some((result) => result.card === 'Professionele leercultuur' || result.title === 'Professionele leercultuur')).toBe(true)

      // The keyboard: down from the box to the first result, Enter opens it
      await page.focus('.site-search-input')
      await page.keyboard.press('ArrowDown')
      expect(await page.evaluate(`document.activeElement?.className`)).toBe('site-search-result-link')
      const [response] = await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.keyboard.press('Enter')])
      expect(response?.status()).toBe(200)
      expect(page.url()).toBe(results[0]!.href)
      expect(await page.$eval('h1', (heading) => heading.textContent)).toBeTruthy()

      expect(trouble).toEqual(noTrouble)
      // Everything the search loaded came from the site under /kennis/
      expect(bundled.requests.filter((request) => request.status !== 200)).toEqual([])
      expect(bundled.requests.some((request) => request.path === '/kennis/pagefind/pagefind.js')).toBe(true)
    } finally {
      await page.close()
    }
  })

  it('searches from the card page and the index page too, and says when nothing is found', async () => {
    for (const url of [`${bundled.url}collectief-leren/`, bundled.url]) {
      const {page, trouble} = await openPage(browser, url)
      try {
        const {results} = await search(page, 'leerkrachten')
        expect(results.length, url).toBeGreaterThan(0)
        await page.click('.site-search-input', {count: 3})
        await page.keyboard.press('Backspace')
        const none = await search(page, 'xyzzyplugh')
        expect(none).toEqual({status: 'Niets gevonden voor “xyzzyplugh”', results: []})
        expect(trouble, url).toEqual(noTrouble)
      } finally {
        await page.close()
      }
    }
  })

  it('narrows the search to the card of the page, by the index\'s card filter', async () => {
    const {page, trouble} = await openPage(browser, `${bundled.url}collectief-leren/vijf-fasen/`)
    try {
      const all = await search(page, 'team')
      const cardOf = (href: string) => new URL(href).pathname.split('/')[2]
      expect(new Set(all.results.map((result) => cardOf(result.href)))).toEqual(new Set(['collectief-leren', 'professionele-leercultuur']))
      expect(await page.$eval('.site-search-scope', (label) => label.textContent)).toBe(' Alleen in deze kenniskaart')
      await page.click('.site-search-scope-input')
      await page.waitForFunction(`[...document.querySelectorAll('.site-search-result-link')].every((link) => link.pathname.startsWith('/kennis/collectief-leren/'))`, {timeout: 10_000})
      const narrowed = await page.$$eval('.site-search-result-link', (links) => links.length)
      expect(narrowed).toBeGreaterThan(0)
      expect(trouble).toEqual(noTrouble)
    } finally {
      await page.close()
    }
  })

  it('shows no search box without JavaScript, and the page works as before', async () => {
    const page = await browser.newPage()
    try {
      await page.setJavaScriptEnabled(false)
      await page.goto(`${bundled.url}professionele-leercultuur/leiderschap/`, {waitUntil: 'load'})
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.site-search')).display`)).toBe('none')
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.site-header-card')).display`)).not.toBe('none')
    } finally {
      await page.close()
    }
  })

  it('shows hostile titles and text as text: no element, no script, no dialog', async () => {
    const {page, trouble} = await openPage(browser, `${hostile.url}kaart/eerste/`)
    try {
      const {results} = await search(page, 'zoekwoord')
      expect(results).toHaveLength(1)
      const [result] = results
      expect(result!.title).toBe('<img src=x onerror=alert(1)> & 100% #kop')
      expect(result!.card).toBe('Kaart <b>vet</b> & "citaat" 50% #1')
      expect(result!.excerpt).toContain('<img src=x onerror=alert(2)>')
      expect(result!.marks).toEqual(['zoekwoord'])
      expect(result!.elements).toEqual(['a', 'span', 'span', 'p', 'mark'])
      expect(new URL(result!.href).pathname).toBe('/kennis/kaart/eerste/')
      expect(await page.evaluate(`document.querySelectorAll('img').length`)).toBe(0)
      expect(trouble).toEqual(noTrouble)
    } finally {
      await page.close()
    }
  })

  it('keeps an excerpt\'s markup out of the page: only its <mark> tags become elements', async () => {
    const {page, trouble} = await openPage(browser, `${hostile.url}kaart/eerste/`)
    try {
      const script = (await readdir(path.join(bundledOut, 'assets'))).find((name) => /^search\.[\da-f]{10}\.js$/.test(name))
      const shown = await page.evaluate(`import(${JSON.stringify(`${hostile.url}assets/${script}`)}).then((client) => {
        const paragraph = document.createElement('p')
        client.appendExcerpt(paragraph, 'a &lt;img src=x onerror=alert(1)&gt; <mark>b</mark> <img src=y onerror=alert(2)><script>alert(3)</script> <mark>c &lt;/mark&gt;</mark>')
        document.body.append(paragraph)
        return {elements: [...paragraph.querySelectorAll('*')].map((element) => element.localName), text: paragraph.textContent}
      })`)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(shown).toEqual({elements: ['mark', 'mark'], text: 'a <img src=x onerror=alert(1)> b <img src=y onerror=alert(2)><script>alert(3)</script> c </mark>'})
      expect(trouble).toEqual(noTrouble)
    } finally {
      await page.close()
    }
  })

  it('searches an English card with English stemming, in the index of its own language', async () => {
    const {page, trouble} = await openPage(browser, `${hostile.url}english-card/teaching/`)
    try {
      const {status, results} = await search(page, 'teacher')
      expect(status).toBe('1 result')
      expect(results.map((result) => [result.title, result.marks])).toEqual([['Teaching together', ['Teachers']]])
      expect(trouble).toEqual(noTrouble)
    } finally {
      await page.close()
    }
  })
})
