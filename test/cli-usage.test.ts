import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli, workFolder} from './helpers/cli.js'

// The real command (compiled lib/); none of these calls gets as far as reading content or starting a browser.

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

describe('kenniskaart without a usable call', () => {
  it('prints its help on stderr and exits with 2 when no command is given', async () => {
    const run = await runCli([], {cwd: work.dir})
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('Usage: kenniskaart [options] [command]')
    expect(run.stderr).toContain('build [options]')
  })

  it('still prints asked-for help on stdout with exit code 0', async () => {
    const runs = await Promise.all([runCli(['--help'], {cwd: work.dir}), runCli(['help', 'pdf'], {cwd: work.dir})])
    for (const run of runs) {
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Usage: kenniskaart')
    }
  })

  it('refuses pdf --themes without a single slug as a usage error, with exit code 2', async () => {
    const runs = await Promise.all(['', ' , ', ','].map((themes) => runCli(['pdf', 'kaart', '--themes', themes], {cwd: work.dir})))
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('give one or more theme slugs')
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('refuses an empty --browser as a usage error rather than looking for another browser', async () => {
    const runs = await Promise.all([runCli(['build', '--browser', ''], {cwd: work.dir}), runCli(['pdf', 'kaart', '--browser', ' '], {cwd: work.dir})])
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('give the path of a Chrome, Chromium or Edge program')
    }
  })
})
