import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {runCli, workFolder} from '../helpers/cli.js'
import {readPdf} from '../helpers/read-pdf.js'

// `kenniskaart init`, then a full build with PDFs: the example card and its handout print.

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

it('a project from init builds with its PDFs: the card and its handout', async () => {
  expect((await runCli(['init', 'kaarten'], {cwd: work.dir})).code).toBe(0)
  const project = path.join(work.dir, 'kaarten')
  const build = await runCli(['build', '--strict'], {cwd: project, killAfterMs: 120_000})
  expect(build.stdout).toBe('')
  expect(build.code).toBe(0)
  const out = path.join(project, 'dist', 'samen-leren-in-de-school')
  const card = await readPdf(await readFile(path.join(out, 'samen-leren-in-de-school.pdf')))
  const cardText = card.pageTexts.join('\n')
  expect(cardText).toContain('Samen leren in de school')
  expect(cardText).toContain('Lesson study')
  expect(cardText).toContain('Gebruikte literatuur')
  const handout = await readPdf(await readFile(path.join(out, 'handouts', 'samen-onderzoeken.pdf')))
  const handoutText = handout.pageTexts.join('\n')
  expect(handoutText).toContain('Leren in een cyclus')
  expect(handoutText).not.toContain('Kenmerken van een professionele leergemeenschap')
}, 150_000)
