import {cp, mkdir} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {readTree, repoRoot, runCli, treeDifferences} from '../helpers/cli.js'
import {tempFolder} from '../helpers/temp-folders.js'

/**
 * What CI relies on, with the real browser: the same input gives the same
 * bytes (pages, assets, PDFs, the search index) wherever it is built, and
 * three shards merged are the full build, file for file.
 */
const env = {SOURCE_DATE_EPOCH: '1700000000'}
let first: string
let second: string

/** The bundled cards and the example card of `init`: three cards, so each of three shards has one. */
async function project(name: string): Promise<string> {
  const dir = path.join(await tempFolder('kenniskaart-publish-'), name)
  await mkdir(dir, {recursive: true})
  await cp(path.join(repoRoot, 'content'), path.join(dir, 'content'), {recursive: true})
  await cp(path.join(repoRoot, 'templates', 'project', 'content'), path.join(dir, 'content'), {recursive: true})
  return dir
}

/** Published under a subfolder, with every site-wide file: sitemap, robots.txt, 404 page, search index. */
const siteUrl = 'https://kennis.example.org/kaarten/'

async function build(cwd: string, ...args: string[]): Promise<void> {
  const result = await runCli(['build', '--no-cache', '--quiet', '--site-url', siteUrl, ...args], {cwd, env, killAfterMs: 170_000})
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

beforeAll(async () => {
  // Two copies of the project in folders of other names and depths, built into other output names
  first = await project('eerste')
  second = await project(path.join('tweede kaart 50%', 'diep'))
  await Promise.all([build(first, '--out', 'dist'), build(second, '--out', 'site')])
}, 200_000)

describe('reproducible output', () => {
  test('two builds of the same input are byte-identical, PDFs included', async () => {
    const [a, b] = await Promise.all([readTree(path.join(first, 'dist')), readTree(path.join(second, 'site'))])
    expect([...a.keys()].filter((file) => file.endsWith('.pdf'))).toHaveLength(6)
    for (const siteWide of ['sitemap.xml', 'robots.txt', '404.html', 'pagefind/pagefind.js']) expect(a.has(siteWide), siteWide).toBe(true)
    expect(a.size).toBeGreaterThan(30)
    expect(treeDifferences(a, b)).toEqual([])
  })
})

describe('shards', () => {
  test('three shards merged equal one full build, file for file', async () => {
    for (const shard of ['1/3', '2/3', '3/3']) await build(first, '--shard', shard, '--out', `shard-${shard[0]}`)
    const merged = await runCli(['merge', 'shard-3', 'shard-1', 'shard-2', '--out', 'merged'], {cwd: first, env})
    expect(merged.code).toBe(0)
    expect(merged.stderr).toMatch(/^Merged 3 shards: 3 cards, \d+ files in [\d.]+ s → merged\n$/)
    const [full, joined, shard1] = await Promise.all([readTree(path.join(first, 'dist')), readTree(path.join(first, 'merged')), readTree(path.join(first, 'shard-1'))])
    expect(treeDifferences(full, joined)).toEqual([])
    // Each shard holds its own card only (here: the first of the three, by folder name), with its PDFs
    expect([...shard1.keys()].filter((file) => file.endsWith('.pdf')).sort()).toEqual(['collectief-leren/collectief-leren.pdf', 'collectief-leren/handouts/leren-met-externen.pdf', 'collectief-leren/handouts/samen-professionaliseren.pdf'])
  }, 200_000)
})
