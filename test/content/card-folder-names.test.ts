import {existsSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCliInProcess, summaryFindings} from '../helpers/cli.js'
import {type TempContent, tempContent, themeMarkdown} from '../helpers/content.js'

const card = {'index.md': '---\ntitle: Kaart\n---\n\nIntro.\n', '01-thema.md': themeMarkdown('Thema')}

let temp: TempContent

beforeAll(async () => {
  temp = await tempContent()
  for (const name of ['goed', 'a#b', '50%', 'index.html', 'Mijn Kaart', 'assets']) await temp.writeCard(name, card)
})

afterAll(async () => {
  await temp.remove()
})

describe('kenniskaart build with card folders whose names are no slug', () => {
  it('reports each at its index.md and builds, prints and writes nothing: no EEXIST, no hang, no stack trace', async () => {
    // --no-pdf: the cards never reach the printer anyway, and starting a browser only to stop it makes this slow under load.
    const run = await runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf', '--format', 'json'], {cwd: `${temp.dir}/..`})
    const findings = summaryFindings<{rule: string; file: string; line: number; column: number; hint: string}>(run.stdout)
    expect(findings.map((finding) => [finding.file, finding.rule, finding.line, finding.column])).toEqual([
      ['content/50%/index.md', 'card-slug-invalid', 1, 1],
      ['content/a#b/index.md', 'card-slug-invalid', 1, 1],
      ['content/assets/index.md', 'card-slug-invalid', 1, 1],
      ['content/index.html/index.md', 'card-slug-invalid', 1, 1],
      ['content/Mijn Kaart/index.md', 'card-slug-invalid', 1, 1]
    ])
    expect(findings.find((finding) => finding.file.includes('Mijn Kaart'))?.hint).toContain('`mijn-kaart`')
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(/EEXIST|unexpected error|at .*\.js:\d+/)
    expect(existsSync(`${temp.dir}/../dist`)).toBe(false)
  }, 60_000)

  it('refuses such a card by name too (`--card`)', async () => {
    const run = await runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf', '--card', '50%'], {cwd: `${temp.dir}/..`})
    expect(run.stdout + run.stderr).toContain('card-slug-invalid')
    expect(run.code).toBe(1)
  })
})
