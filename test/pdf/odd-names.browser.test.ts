import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {deflateSync, crc32} from 'node:zlib'
import {fromHtml} from 'hast-util-from-html'
import {select} from 'hast-util-select'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type CliResult, runCli, workFolder} from '../helpers/cli.js'

// Slow: the real CLI with the real browser.

/** A small solid PNG, made here so the test needs no binary fixture. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x6f)])
  const pixels = Buffer.concat(Array.from({length: height}, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))])
}

const imageName = '50% groei #1?.png'

describe('files with %, #, ? and spaces in their names, built and printed', () => {
  const folder = workFolder()
  let project: string
  let run: CliResult

  beforeAll(async () => {
    project = (await folder).dir
    const card = path.join(project, 'content/kaart')
    await mkdir(path.join(card, 'figuren'), {recursive: true})
    await writeFile(path.join(card, 'figuren', imageName), png(40, 30))
    await writeFile(path.join(card, 'index.md'), '---\ntitle: Kaart\n---\n\nIntro.\n')
    await writeFile(
      path.join(card, '01-groei.md'),
      '---\ntitle: "50% groei #1? Één"\nsummary: Over groei.\n---\n\n![Groei](<figuren/50%25 groei %231%3F.png>)\n'
    )
    run = await runCli(['build', '--content', 'content', '--out', 'dist'], {cwd: project, killAfterMs: 110_000})
    if (run.code !== 0) console.log(run.stdout, run.stderr)
  }, 120_000)

  afterAll(async () => (await folder).remove())

  it('builds and prints without waiting for the time limit', () => {
    expect(run.stderr).not.toMatch(/did not finish|unexpected error/)
    expect(run.stderr).toContain('1 PDF')
    expect(run.code).toBe(0)
  })

  it('links the image on the site so that the src resolves to the copied file', async () => {
    const page = path.join(project, 'dist/kaart/groei/index.html')
    const image = select('img[alt="Groei"]', fromHtml(await readFile(page, 'utf8')))
    const src = String(image?.properties.src)
    expect(src).not.toContain('#')
    expect(src).not.toContain('?')
    const resolved = decodeURIComponent(new URL(src, 'http://x/kaart/groei/index.html').pathname)
    expect(resolved).toBe(`/kaart/figuren/${imageName}`)
    expect(existsSync(path.join(project, 'dist', resolved))).toBe(true)
  })

  it('puts the image in the PDF', () => {
    const list = execFileSync('pdfimages', ['-list', path.join(project, 'dist/kaart/kaart.pdf')], {encoding: 'utf8'})
    const images = list.split('\n').slice(2).filter((line) => /^\s*\d+\s+\d+\s+image\s+40\s+30\b/.test(line))
    expect(images.length).toBeGreaterThanOrEqual(1)
  })
})
