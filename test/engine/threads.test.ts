import {cp, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// The corpus of the benchmark: cards like the real ones, the same for every seed
import {generateCorpus} from '../../bench/corpus.js'
import {readTree, runCli, summaryFindings, workFolder} from '../helpers/cli.js'
import {fixtureCardsDir} from '../helpers/content.js'

/**
 * Worker threads only change who does the work: the program (lib/, with
 * its worker script) run with threads writes the same bytes and reports
 * the same findings, in the same order, as run in one thread.
 */
let work: {dir: string; remove(): Promise<void>}
let contentDir: string

beforeAll(async () => {
  work = await workFolder()
  contentDir = path.join(work.dir, 'content')
  generateCorpus(contentDir, 10, 7)
  // A card with images, and mistakes in two cards: findings come from both threads
  await cp(path.join(fixtureCardsDir, 'three-themes'), path.join(contentDir, 'drie'), {recursive: true})
  const theme = path.join(contentDir, 'kaart-0004', '02-thema-2.md')
  await writeFile(theme, `${await readFile(theme, 'utf8')}\nZie [@onbekend] en [tekst](03-bestaat-niet.md).\n`)
  const index = path.join(contentDir, 'kaart-0009', 'index.md')
  await writeFile(index, (await readFile(index, 'utf8')).replace('label: Kenniskaart', 'label: 12'))
}, 60_000)

afterAll(async () => {
  await work.remove()
})

async function build(threads: number, args: string[] = []) {
  const out = path.join(work.dir, `out-${threads}-${args.length}`)
  // The program itself (lib/), in its own process: the worker threads run its compiled worker script
  const run = await runCli(['build', '--no-pdf', '--no-cache', '--threads', String(threads), '--content', contentDir, '--out', out, '--format', 'json', ...args], {cwd: work.dir, killAfterMs: 60_000})
  return {run, out}
}

describe('worker threads', () => {
  it('report the same findings, in the same order, as one thread', async () => {
    const one = await build(1)
    const two = await build(2)
    expect(one.run.code).toBe(1)
    expect(two.run.code).toBe(1)
    const findings = summaryFindings<{rule: string}>(one.run.stdout)
    expect(findings.map((finding) => finding.rule)).toEqual(expect.arrayContaining(['citation-unknown', 'link-theme-unknown']))
    expect(summaryFindings(two.run.stdout)).toEqual(findings)
  }, 60_000)

  it('write the same bytes as one thread', async () => {
    // Without the cards that have mistakes, the build succeeds
    const theme = path.join(contentDir, 'kaart-0004', '02-thema-2.md')
    await writeFile(theme, (await readFile(theme, 'utf8')).replace('\nZie [@onbekend] en [tekst](03-bestaat-niet.md).\n', ''))
    const index = path.join(contentDir, 'kaart-0009', 'index.md')
    await writeFile(index, (await readFile(index, 'utf8')).replace('label: 12', 'label: Kenniskaart'))
    const one = await build(1)
    const two = await build(3)
    expect(one.run.code).toBe(0)
    expect(two.run.code).toBe(0)
    expect(summaryFindings(two.run.stdout)).toEqual(summaryFindings(one.run.stdout))
    const [a, b] = [await readTree(one.out), await readTree(two.out)]
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true)
  }, 60_000)
})
