import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectWithContent, repoRoot, runCli} from '../helpers/cli.js'

// Slow: the real CLI with the real browser.

describe('pdf --out over an existing file', () => {
  it('replaces a PDF kenniskaart wrote, refuses another file, and replaces that only with --force', async () => {
    const dir = await projectWithContent(path.join(repoRoot, 'test/fixtures/pdf-card/content'))
    const first = await runCli(['pdf', 'leesclub', '--out', 'kaart.pdf'], {cwd: dir})
    expect(first.code, first.stderr).toBe(0)
    // Its own PDF, read back by its producer: replaced without --force
    const again = await runCli(['pdf', 'leesclub', '--out', 'kaart.pdf'], {cwd: dir})
    expect(again.code, again.stderr).toBe(0)

    writeFileSync(path.join(dir, 'notes.pdf'), '%PDF-1.4 not written by kenniskaart')
    const refused = await runCli(['pdf', 'leesclub', '--out', 'notes.pdf'], {cwd: dir})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('not a PDF written by kenniskaart')
    expect(readFileSync(path.join(dir, 'notes.pdf'), 'utf8')).toBe('%PDF-1.4 not written by kenniskaart')
    const forced = await runCli(['pdf', 'leesclub', '--out', 'notes.pdf', '--force'], {cwd: dir})
    expect(forced.code, forced.stderr).toBe(0)
    expect(readFileSync(path.join(dir, 'notes.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  }, 90_000)
})
