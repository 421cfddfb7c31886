import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {bundledContentDir} from '../helpers/content.js'
import {tempFolder} from '../helpers/temp-folders.js'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort()
}

describe('kenniskaart build and the search index', () => {
  it('writes the same search index twice, and none with --no-search (no box, no script, the plain policy)', async () => {
    const work = await tempFolder('kenniskaart-search-build-')
    const outs = ['one', 'two', 'none'].map((name) => path.join(work, name))
    for (const [position, out] of outs.entries()) {
      const built = await runCli(['build', '--content', bundledContentDir, '--out', out, '--no-pdf', '--no-cache', '--quiet', ...(position === 2 ? ['--no-search'] : [])], {cwd: work})
      expect(built.code, built.stderr).toBe(0)
    }
    const [one, two, none] = await Promise.all(outs.map(filesUnder))
    const search = one!.filter((file) => file.startsWith('pagefind/') || file.startsWith('assets/search.'))
    expect(search).toContain('pagefind/pagefind.js')
    expect(search.some((file) => /^assets\/search\.[\da-f]{10}\.js$/.test(file))).toBe(true)
    expect(two).toEqual(one)
    for (const file of search) expect((await readFile(path.join(outs[1]!, file))).equals(await readFile(path.join(outs[0]!, file))), file).toBe(true)

    expect(none).toEqual(one!.filter((file) => !search.includes(file)))
    for (const file of none!.filter((name) => name.endsWith('.html'))) {
      expect(await readFile(path.join(outs[2]!, file), 'utf8'), file).not.toMatch(/<script|site-search|data-pagefind|wasm-unsafe-eval/)
    }
  }, 120_000)

  it('stops with a hint, and leaves the output as it was, when the Pagefind program is missing', async () => {
    const work = await tempFolder('kenniskaart-search-missing-')
    const out = path.join(work, 'dist')
    const built = await runCli(['build', '--content', bundledContentDir, '--out', out, '--no-pdf', '--no-cache', '--quiet'], {cwd: work, env: {PAGEFIND_BINARY_PATH: path.join(work, 'no-such-program')}})
    expect(built.code).toBe(4)
    expect(built.stderr).toContain('kenniskaart: The Pagefind program')
    expect(built.stderr).toContain('--no-search')
    expect(built.stderr).not.toMatch(/^\s+at /m)
    expect(await readdir(work)).toEqual([])
  }, 60_000)
})
