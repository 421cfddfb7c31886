// The floor: Chromium printing an already finished HTML file, with nothing else. Launch included.
import {performance} from 'node:perf_hooks'
import puppeteer from 'puppeteer-core'

const [executablePath, url] = process.argv.slice(2)
const started = performance.now()
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
})
const page = await browser.newPage()
await page.goto(url, {waitUntil: 'load'})
await page.evaluate('document.fonts.ready.then(() => true)')
await page.pdf({preferCSSPageSize: true, printBackground: true, outline: true, tagged: true})
await browser.close()
process.stdout.write(`${performance.now() - started}\n`)
