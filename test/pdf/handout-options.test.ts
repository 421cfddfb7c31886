import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli, workFolder} from '../helpers/cli.js'

// The real command (compiled lib/); each call is refused before reading content or starting a browser.

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

describe('pdf options for handouts and booklets that do not go together', () => {
  it.each([
    [['--handout', 'voorlezen', '--themes', 'lezen'], /option '--handout <slug>' cannot be used with option '-t, --themes <slugs>'/],
    [['--handout', 'voorlezen', '--title', 'Lezen'], /option '--title <title>' cannot be used with option '--handout <slug>'/],
    [['--title', 'Lezen'], /`--title` names a handout of the themes chosen with `--themes`/],
    [['--themes', 'lezen', '--title', ' '], /give a title/],
    [['--booklet', '--size', 'A4'], /`--booklet` cannot be combined with `--size A4`/],
    [['--booklet', '--size', 'a4'], /`--booklet` cannot be combined with `--size A4`/],
    [['--handout', ''], /give the slug of a handout/],
    [['--size', 'a3'], /give A4 or A5/],
    [['--size', 'letter'], /give A4 or A5/]
  ])('refuses pdf %j as a usage error, exit 2, without a stack trace', async (args, message) => {
    const run = await runCli(['pdf', 'kaart', ...args], {cwd: work.dir})
    expect(run.stderr).toMatch(message)
    expect(run.code).toBe(2)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
