/**
 * scripts/install-browser.sh, run as `sh scripts/install-browser.sh && npm ci && …`
 * on machines it cannot install on: with a PATH of a few stand-in programs
 * (or none), so no real apt-get or browser is found or run.
 */
import {execFile} from 'node:child_process'
import {chmod, mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../helpers/content.js'
import {tempFolder} from '../helpers/temp-folders.js'

const script = path.join(repoRoot, 'scripts', 'install-browser.sh')

/** A folder of stand-in programs, each a shell script that logs its arguments to `calls.log` and prints `output`. */
async function shims(programs: Record<string, string>): Promise<string> {
  const dir = await tempFolder('kk-shims-')
  for (const [name, output] of Object.entries(programs)) {
    await writeFile(path.join(dir, name), `#!/bin/sh\necho "${name} $*" >> "${dir}/calls.log"\n${output ? `echo ${output}\n` : ''}`)
    await chmod(path.join(dir, name), 0o755)
  }
  return dir
}

function runScript(args: string[], bin: string, home: string): Promise<{code: number; stderr: string}> {
  // Nothing of this machine's environment: no browser variables, a home without apps
  const env = {PATH: bin, HOME: home}
  return new Promise((resolve) => {
    execFile('/bin/sh', [script, ...args], {env, timeout: 20_000}, (error, _stdout, stderr) => resolve({code: error ? Number(error.code ?? 1) : 0, stderr}))
  })
}

describe('scripts/install-browser.sh', () => {
  it('without apt-get and without a browser, says what to install and exits 0, so npm ci runs next', async () => {
    const home = await tempFolder('kk-home-')
    const result = await runScript(['--with-pdf-tools'], await shims({}), home)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('no Chrome, Chromium or Edge found, and no apt-get')
    expect(result.stderr).toContain(`npx @puppeteer/browsers install chrome-headless-shell@stable --path "${home}/.cache/puppeteer"`)
    expect(result.stderr).toContain('KENNISKAART_BROWSER')
    expect(result.stderr).toContain('--no-pdf')
    expect(result.stderr).toContain('brew install poppler')
  })

  it('finds a browser in ~/Applications as on macOS, and says nothing', async () => {
    const home = await tempFolder('kk-home-')
    await mkdir(path.join(home, 'Applications', 'Google Chrome.app'), {recursive: true})
    expect(await runScript([], await shims({}), home)).toEqual({code: 0, stderr: ''})
  })

  it('leaves a machine with a browser alone, and installs with apt-get only what is missing', async () => {
    const home = await tempFolder('kk-home-')
    const withBrowser = await shims({chromium: '', 'apt-get': '', id: '0'})
    expect(await runScript([], withBrowser, home)).toEqual({code: 0, stderr: ''})
    const withoutBrowser = await shims({'apt-get': '', id: '0'})
    const installed = await runScript([], withoutBrowser, home)
    expect(installed.code).toBe(0)
    expect(await readFile(path.join(withoutBrowser, 'calls.log'), 'utf8')).toMatch(/apt-get update -qq\n(.|\n)*apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core/)
  })
})
