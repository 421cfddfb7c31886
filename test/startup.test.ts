import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {repoRoot, runCli, workFolder} from './helpers/cli.js'

// `--help`, `--version` and `check` start quickly because they load no browser and no page layout:
// the real program runs with a hook that records every module it loads.

const recorder = pathToFileURL(path.join(repoRoot, 'test/helpers/record-loaded-modules.js')).href
const bundleDir = path.join(repoRoot, 'lib', 'bundle')

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

/**
 * The source modules (`lib/…` and `node_modules/…`, relative to the
 * repository) a CLI run loaded. A chunk of the bundle stands for the
 * modules esbuild put into it, as its metafile lists them.
 */
async function loadedModules(args: string[], name: string): Promise<string[]> {
  const record = path.join(work.dir, `${name}.txt`)
  const run = await runCli([...args], {
    cwd: repoRoot,
    env: {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${recorder}`.trim(), KENNISKAART_TEST_LOADED_MODULES: record}
  })
  expect(run.stderr).not.toContain('unexpected error')
  expect(run.code).toBe(0)
  const meta = JSON.parse(await readFile(path.join(bundleDir, 'meta.json'), 'utf8')) as {outputs: Record<string, {inputs: Record<string, unknown>}>}
  const urls = (await readFile(record, 'utf8')).split('\n').filter((url) => url.startsWith('file:'))
  return urls.flatMap((url) => {
    const file = path.relative(repoRoot, fileURLToPath(url)).split(path.sep).join('/')
    return meta.outputs[file] ? Object.keys(meta.outputs[file].inputs) : [file]
  })
}

const browserOrLayout = /^(lib\/(render|pdf)\/|node_modules\/(puppeteer-core|@puppeteer\/browsers|pdf-lib)\/)/

describe('start-up', () => {
  it.each([
    ['--help', ['--help']],
    ['--version', ['--version']],
    ['build --help', ['build', '--help']],
    ['check', ['check', '--content', 'content']]
  ])('%s loads no browser or layout code', async (name, args) => {
    const modules = await loadedModules(args, name.replace(/\W+/g, '-'))
    // The recording works: the command's own modules are among those it names
    expect(modules).toContain('lib/cli.js')
    if (name === 'check') expect(modules).toContain('lib/commands/check.js')
    expect(modules.filter((module) => browserOrLayout.test(module))).toEqual([])
  })

  it('a build loads the layout code, so the recording would see it', async () => {
    const modules = await loadedModules(['build', '--no-pdf', '--out', path.join(work.dir, 'dist')], 'build')
    expect(modules).toContain('lib/render/site.js')
    expect(modules).not.toContain('lib/pdf/browser.js')
  })
})
