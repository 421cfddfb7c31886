import {cp, mkdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {readTree, repoRoot, runCliInProcess, treeDifferences} from '../helpers/cli.js'
import {tempFolder} from '../helpers/temp-folders.js'

/** Shards and merge without printing (the browser test joins shards with their PDFs). */
let project: string

async function cli(...args: string[]) {
  return runCliInProcess(args, {cwd: project})
}

async function shards(prefix: string, count: number): Promise<string[]> {
  const dirs = []
  for (let index = 1; index <= count; index++) {
    const dir = `${prefix}-${index}`
    const run = await cli('build', '--no-pdf', '--no-cache', '--quiet', '--shard', `${index}/${count}`, '--out', dir)
    expect(run.code).toBe(0)
    dirs.push(dir)
  }
  return dirs
}

beforeAll(async () => {
  project = await tempFolder('kenniskaart-merge-')
  await cp(path.join(repoRoot, 'content'), path.join(project, 'content'), {recursive: true})
  await cp(path.join(repoRoot, 'templates', 'project', 'content'), path.join(project, 'content'), {recursive: true})
  expect((await cli('build', '--no-pdf', '--no-cache', '--quiet', '--out', 'full')).code).toBe(0)
  await shards('three', 3)
}, 120_000)

describe('merge', () => {
  test('three shards merged in any order equal the full build, and each shard holds only its cards', async () => {
    const run = await cli('merge', 'three-2', 'three-3', 'three-1', '--out', 'merged')
    expect(run.code).toBe(0)
    expect(treeDifferences(await readTree(path.join(project, 'full')), await readTree(path.join(project, 'merged')))).toEqual([])
    const second = await readTree(path.join(project, 'three-2'))
    expect([...second.keys()].filter((file) => file.endsWith('/index.html')).every((file) => file.startsWith('professionele-leercultuur/'))).toBe(true)
    // A shard's index page lists its own cards; the merged one lists all three
    expect((await readFile(path.join(project, 'three-2', 'index.html'), 'utf8')).match(/card-list-item/g)).toHaveLength(1)
    expect((await readFile(path.join(project, 'merged', 'index.html'), 'utf8')).match(/card-list-item/g)).toHaveLength(3)
    expect(second.has('kenniskaart-shard.json')).toBe(true)
  })

  test('more shards than cards: the empty ones join too', async () => {
    const dirs = await shards('five', 5)
    expect((await cli('merge', ...dirs, '--out', 'merged-five')).code).toBe(0)
    expect(treeDifferences(await readTree(path.join(project, 'full')), await readTree(path.join(project, 'merged-five')))).toEqual([])
  })

  test('one shard of one is the whole build', async () => {
    const [only] = await shards('one', 1)
    expect((await cli('merge', only!, '--out', 'merged-one')).code).toBe(0)
    expect(treeDifferences(await readTree(path.join(project, 'full')), await readTree(path.join(project, 'merged-one')))).toEqual([])
  })
})

describe('merge refuses shards that do not make one site, and writes nothing', () => {
  async function refused(args: string[], message: RegExp) {
    const before = await readTree(path.join(project, 'full'))
    const run = await cli('merge', ...args, '--out', 'full')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toMatch(/\nhint: /)
    expect(run.stderr).not.toMatch(/ at .*\.(js|ts):\d+/)
    expect(treeDifferences(before, await readTree(path.join(project, 'full')))).toEqual([])
  }

  test('a shard missing', () => refused(['three-1', 'three-3'], /^kenniskaart: Cannot merge: shard 2\/3 is missing\n/))
  test('a shard twice', () => refused(['three-1', 'three-2', 'three-2', 'three-3'], /shard 2\/3 is given twice: three-2 and three-2/))
  test('shards of builds split differently', () => refused(['three-1', 'five-2', 'three-2', 'three-3'], /three-1 is shard 1\/3 and five-2 is shard 2\/5: they are not of one build/))
  test('a folder that is not a shard', () => refused(['three-1', 'three-2', 'three-3', 'content'], /Cannot merge content: it is not the output of `kenniskaart build --shard` \(it has no kenniskaart-shard\.json\)/))
  test('a folder that is not there', () => refused(['three-1', 'nowhere'], /Cannot merge nowhere: there is no such folder/))
  test('a full build, which is not a shard', () => refused(['full'], /Cannot merge full: it is not the output of `kenniskaart build --shard`/))

  test('a damaged manifest, another kenniskaart, another content', async () => {
    await cp(path.join(project, 'three-3'), path.join(project, 'broken-3'), {recursive: true})
    const manifest = path.join(project, 'broken-3', 'kenniskaart-shard.json')
    const good = await readFile(manifest, 'utf8')
    await writeFile(manifest, good.slice(0, 40))
    await refused(['three-1', 'three-2', 'broken-3'], /Cannot merge broken-3: its kenniskaart-shard\.json is damaged \(it is not JSON\)/)
    await writeFile(manifest, good.replace(/"slug": "samen-leren-in-de-school"/, '"slug": "../../etc"'))
    await refused(['three-1', 'three-2', 'broken-3'], /its kenniskaart-shard\.json is damaged \(cards\.0\.slug: not a card folder name\)/)
    await writeFile(manifest, good.replace(/"siteStylesheet": "[^"]*"/, '"siteStylesheet": "https://elders.example/x.css"'))
    await refused(['three-1', 'three-2', 'broken-3'], /its kenniskaart-shard\.json is damaged \(cards\.0\.siteStylesheet: a stylesheet below assets\/\)/)
    await writeFile(manifest, good.replace(/"siteStylesheet": "[^"]*"/, '"siteStylesheet": "assets/../../x.css"'))
    await refused(['three-1', 'three-2', 'broken-3'], /cards\.0\.siteStylesheet: a stylesheet below assets\//)
    await writeFile(manifest, good.replace(/"tool": "[^"]*"/, '"tool": "0.0.1+other"'))
    await refused(['three-1', 'three-2', 'broken-3'], /broken-3 was built by another kenniskaart \(0\.0\.1\+other; this is /)
    await writeFile(manifest, good.replace('"samen-leren-in-de-school"\n  ]', '"samen-leren-in-de-school",\n    "vierde-kaart"\n  ]'))
    await refused(['three-1', 'three-2', 'broken-3'], /broken-3 and three-1 were built from different content or with different settings/)
  })

  test('a file two shards hold with other bytes', async () => {
    await cp(path.join(project, 'three-3'), path.join(project, 'other-3'), {recursive: true})
    const stylesheet = [...(await readTree(path.join(project, 'other-3'))).keys()].find((file) => file.startsWith('assets/') && file.endsWith('.css'))!
    await writeFile(path.join(project, 'other-3', ...stylesheet.split('/')), 'body { color: red }')
    await refused(['three-1', 'three-2', 'other-3'], new RegExp(`Cannot merge: ${stylesheet.replace(/[.]/g, '\\.')} differs between three-1 and other-3`))
  })

  test('a file a shard\'s build did not write: beside its cards, or another shard\'s card', async () => {
    await cp(path.join(project, 'three-3'), path.join(project, 'extra-3'), {recursive: true})
    await writeFile(path.join(project, 'extra-3', '\u001b[31mrood'), 'x')
    await refused(['three-1', 'three-2', 'extra-3'], /Cannot merge extra-3: \\u001b\[31mrood is not a file of its cards\n/)
    await rm(path.join(project, 'extra-3', '\u001b[31mrood'))
    await cp(path.join(project, 'three-1', 'collectief-leren'), path.join(project, 'extra-3', 'collectief-leren'), {recursive: true})
    await refused(['three-1', 'three-2', 'extra-3'], /Cannot merge extra-3: collectief-leren\/.* is not a file of its cards/)
  })

  test('an address in the manifests that cannot be used', async () => {
    const dirs = ['three-1', 'three-2', 'three-3'].map((dir) => dir.replace('three', 'address'))
    for (const [index, dir] of dirs.entries()) {
      await cp(path.join(project, `three-${index + 1}`), path.join(project, dir), {recursive: true})
      const manifest = path.join(project, dir, 'kenniskaart-shard.json')
      await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"base": "/"', '"base": "/a/../b/"'))
    }
    await refused(dirs, /Cannot merge: the shards' kenniskaart-shard\.json names an address that cannot be used \(/)
  })

  test('a link in a shard, which kenniskaart never writes', async () => {
    await cp(path.join(project, 'three-3'), path.join(project, 'linked-3'), {recursive: true})
    await symlink('/etc/passwd', path.join(project, 'linked-3', 'samen-leren-in-de-school', 'passwd'))
    await refused(['three-1', 'three-2', 'linked-3'], /Cannot merge linked-3: samen-leren-in-de-school\/passwd is not a regular file/)
  })

  test('an output folder that is one of the shards, or holds one', async () => {
    const before = await readTree(path.join(project, 'three-1'))
    const run = await cli('merge', 'three-1', 'three-2', 'three-3', '--out', 'three-1')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Refusing to write the output to .*three-1: it is the shard folder three-1\n/)
    expect(treeDifferences(before, await readTree(path.join(project, 'three-1')))).toEqual([])
    await mkdir(path.join(project, 'outer'), {recursive: true})
    await cp(path.join(project, 'three-1'), path.join(project, 'outer', 'three-1'), {recursive: true})
    const holding = await cli('merge', path.join('outer', 'three-1'), 'three-2', 'three-3', '--out', 'outer')
    expect(holding.stderr).toMatch(/it holds the shard folder outer\/three-1/)
    await rm(path.join(project, 'outer'), {recursive: true})
  })
})

describe('build --shard', () => {
  test('cannot be combined with --card, and takes i/n only', async () => {
    expect((await cli('build', '--shard', '1/2', '--card', 'collectief-leren')).stderr).toMatch(/option '--card <slug>' cannot be used with option '--shard <i\/n>'/)
    const wrong = await cli('build', '--shard', '3/2')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/give the shard as i\/n, with n from 1 to 1000 and i from 1 to n, such as 2\/3/)
  })
})
