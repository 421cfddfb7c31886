/**
 * The hint for a missing browser gives a download command; a browser
 * downloaded with exactly that command must land where kenniskaart looks.
 * No browser can be downloaded here: the command runs against a local
 * server holding a stand-in archive of Chrome's layout (`--base-url`, and a
 * fixed build id for `@stable`, whose lookup needs Google's servers).
 */
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {crc32} from 'node:zlib'
import {afterAll, describe, expect, it} from 'vitest'
import {findBrowser, missingBrowserHint, puppeteerCacheDir} from '../../src/pdf/find-browser.js'
import {repoRoot} from '../helpers/content.js'
import {tempFolder} from '../helpers/temp-folders.js'

/** A zip archive of files stored as they are (no compression), with Unix modes, as Chrome's archives carry them. */
function storedZip(files: Array<{name: string; contents: string; mode: number}>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name)
    const data = Buffer.from(file.contents)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE((file.mode << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

let server: Server | undefined
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

describe('the hint for a missing browser', () => {
  it('names the folder kenniskaart searches, and the Debian package only on Linux', () => {
    const env = {PUPPETEER_CACHE_DIR: '/srv/browsers'}
    expect(missingBrowserHint('linux', env)).toContain('apt-get install -y chromium')
    expect(missingBrowserHint('darwin', env)).not.toContain('apt-get')
    expect(missingBrowserHint('win32', env)).toContain('Google Chrome')
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(missingBrowserHint(platform, env)).toContain(`npx @puppeteer/browsers install chrome-headless-shell@stable --path "${path.resolve('/srv/browsers')}"`)
      expect(missingBrowserHint(platform, env)).toContain('KENNISKAART_BROWSER')
    }
    expect(puppeteerCacheDir({})).toMatch(/\.cache[\\/]puppeteer$/)
  })

  it('gives a download command that puts the browser where kenniskaart finds it', async () => {
    const buildId = '131.0.6778.85'
    const program = 'chrome-headless-shell-linux64/chrome-headless-shell'
    const archive = storedZip([{name: program, contents: '#!/bin/sh\necho "HeadlessChrome/131.0.6778.85"\n', mode: 0o100755}])
    const asked: string[] = []
    server = createServer((request, response) => {
      asked.push(request.url ?? '')
      if (request.url === `/${buildId}/linux64/chrome-headless-shell-linux64.zip`) response.writeHead(200, {'content-type': 'application/zip'}).end(archive)
      else response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    const cacheDir = path.join(await tempFolder('kk-puppeteer-cache-'), 'a folder 100%')
    const env = {PUPPETEER_CACHE_DIR: cacheDir}
    const command = /`npx (@puppeteer\/browsers install chrome-headless-shell@stable --path "([^"]+)")`/.exec(missingBrowserHint('linux', env))
    expect(command?.[2]).toBe(cacheDir)
    // The hint's command word for word, but for the fixed build id and the local server
    const args = ['install', `chrome-headless-shell@${buildId}`, '--path', command![2]!, '--platform', 'linux', '--base-url', baseUrl]
    const cli = path.join(repoRoot, 'node_modules', '@puppeteer', 'browsers', 'lib', 'cjs', 'main-cli.js')
    const installed = await new Promise<{code: number; stdout: string; stderr: string}>((resolve) => {
      execFile(process.execPath, [cli, ...args], {timeout: 60_000}, (error, stdout, stderr) => resolve({code: error ? 1 : 0, stdout, stderr}))
    })
    expect(installed.code, installed.stderr).toBe(0)
    expect(asked).toEqual([`/${buildId}/linux64/chrome-headless-shell-linux64.zip`])

    const found = await findBrowser(undefined, env)
    expect(found).toEqual({executablePath: path.join(cacheDir, 'chrome-headless-shell', `linux-${buildId}`, ...program.split('/')), foundBy: 'puppeteer cache'})
    expect(installed.stdout).toContain(found.executablePath)
    expect(await readFile(found.executablePath, 'utf8')).toContain('HeadlessChrome')
  })
})
