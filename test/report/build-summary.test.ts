import {cp, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {repoRoot, runCli, runCliInProcess} from '../helpers/cli.js'
import {tempFolder} from '../helpers/temp-folders.js'

/** `build --format json`: one JSON summary on stdout and nothing else there, whatever happens. */
let project: string

beforeAll(async () => {
  project = await tempFolder('kenniskaart-summary-')
  await cp(path.join(repoRoot, 'content'), path.join(project, 'content'), {recursive: true})
})

describe('build --format json', () => {
  test('a good build: cards, pages, kept PDFs, no findings, timings; stdout is the summary alone', async () => {
    const run = await runCliInProcess(['build', '--no-pdf', '--no-cache', '--format', 'json', '--out', 'dist'], {cwd: project})
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({
      ok: true,
      exitCode: 0,
      out: 'dist',
      shard: null,
      cards: [
        {slug: 'collectief-leren', title: 'Collectief leren', themes: 7},
        {slug: 'professionele-leercultuur', title: 'Professionele leercultuur', themes: 7}
      ],
      pages: 17,
      pdfs: [],
      keptPdfs: [],
      errors: 0,
      warnings: 0,
      findings: []
    })
    expect(Object.keys(summary.timings as object)).toEqual(expect.arrayContaining(['total', 'check, make and write the cards']))
    // The human summary goes to stderr
    expect(run.stderr).toMatch(/^Built 2 cards, 17 web pages in [\d.]+ s → dist\n$/)
  })

  test('a shard says which one it is', async () => {
    const run = await runCliInProcess(['build', '--no-pdf', '--no-cache', '--format', 'json', '--shard', '2/2', '--out', 'shard-2'], {cwd: project})
    expect(JSON.parse(run.stdout)).toMatchObject({ok: true, shard: '2/2', cards: [{slug: 'professionele-leercultuur'}]})
  })

  test('content errors: the findings in the summary, exit 1, nothing written', async () => {
    const broken = await tempFolder('kenniskaart-summary-broken-')
    await mkdir(path.join(broken, 'content', 'kaart'), {recursive: true})
    await writeFile(path.join(broken, 'content', 'kaart', 'index.md'), '---\ntitle: [unclosed\n---\n')
    const run = await runCli(['build', '--no-pdf', '--no-cache', '--format', 'json', '--out', 'dist'], {cwd: broken})
    expect(run.code).toBe(1)
    const summary = JSON.parse(run.stdout) as {ok: boolean; exitCode: number; errors: number; cards: unknown[]; findings: Array<{file: string; line: number; severity: string}>}
    expect(summary).toMatchObject({ok: false, exitCode: 1, cards: [], pages: 0})
    expect(summary.errors).toBeGreaterThan(0)
    expect(summary.findings[0]).toMatchObject({file: 'content/kaart/index.md', line: 2, severity: 'error'})
    expect(run.stderr).toMatch(/Nothing was written: fix the errors in the summary on stdout and build again\.\n/)
  })

  test('a refused call: the error and its hint in the summary, exit 2', async () => {
    const run = await runCli(['build', '--no-pdf', '--format', 'json', '--out', '/'], {cwd: project})
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: {message: 'Refusing to write the output to /: it is the root of the file system', hint: 'Name a folder of its own, such as `--out dist`.'}
    })
    expect(run.stderr).toMatch(/^kenniskaart: Refusing to write the output to \/: it is the root of the file system\n/)
  })
})
