import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import type {Browser} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {launchPageBrowser} from '../helpers/shared-browser.js'

// Slow: the built pages of a card full of XSS payloads, opened in the real browser with JavaScript on.

const fixture = path.join(import.meta.dirname, '../fixtures/broken/xss-payloads/content')

describe('a card with XSS payloads, opened in Chromium', () => {
  let pages: OutputFile[]
  let server: Server
  let origin: string
  let browser: Browser

  beforeAll(async () => {
    const result = await build({contentDir: fixture, pdf: false})
    expect(result.failed).toBe(false)
    pages = result.pages
    const files = new Map(pages.map((file) => [`/${file.path}`, file.contents]))
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      const body = files.get(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname)
      if (body === undefined) return response.writeHead(404).end()
      const type = url.pathname.endsWith('.css') ? 'text/css' : url.pathname.endsWith('.woff2') ? 'font/woff2' : 'text/html; charset=utf-8'
      response.writeHead(200, {'content-type': type}).end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchPageBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
  })

  it('runs no script on any page and keeps the page where it is', async () => {
    const htmlPages = pages.filter((file) => file.path.endsWith('.html'))
    expect(htmlPages.length).toBeGreaterThanOrEqual(3)
    for (const file of htmlPages) {
      const page = await browser.newPage()
      const dialogs: string[] = []
      const requests: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      page.on('request', (request) => requests.push(request.url()))
      try {
        await page.goto(`${origin}/${file.path}`, {waitUntil: 'load'})
        // Give event handlers (onerror of a broken image, say) their chance to fire
        await new Promise((resolve) => setTimeout(resolve, 300))
        const found = await page.evaluate(`({
          scripts: document.querySelectorAll('script').length,
          handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => attribute.name)),
          dangerousLinks: [...document.body.querySelectorAll('[href], [src], [action], [data]')].map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action') ?? element.getAttribute('data')).filter((url) => /^\\s*(javascript|data|vbscript):/i.test(url ?? '')),
          bases: document.querySelectorAll('base').length,
          forbidden: document.querySelectorAll('iframe, object, embed, form, style:not(head style), svg script').length,
          bodyVisible: getComputedStyle(document.body).display !== 'none'
        })`)
        expect(dialogs, file.path).toEqual([])
        expect(found, file.path).toEqual({scripts: 0, handlers: [], dangerousLinks: [], bases: 0, forbidden: 0, bodyVisible: true})
        expect(requests.filter((url) => !url.startsWith(origin)), file.path).toEqual([])
      } finally {
        await page.close()
      }
    }
  }, 60_000)

  it('blocks a script that gets into a page anyway, by its Content-Security-Policy', async () => {
    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    try {
      await page.goto(`${origin}/${pages.find((file) => file.path.endsWith('/index.html'))!.path}`, {waitUntil: 'load'})
      // As if the sanitizer had missed one: an inline script added to the document is refused by the CSP
      await page.evaluate(`(() => { const script = document.createElement('script'); script.textContent = 'alert(1)'; document.body.append(script) })()`)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(dialogs).toEqual([])
    } finally {
      await page.close()
    }
  })
})
