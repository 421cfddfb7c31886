import {describe, expect, it} from 'vitest'
import {defaultTimeoutMs} from '../../src/pdf/render-publications.js'
import {repoRoot, runCliInProcess} from '../helpers/cli.js'

describe('--pdf-timeout', () => {
  it.each(['1e400', 'Infinity', 'NaN', '-5', '0', '', 'abc', '2147484', '99999999999'])('refuses %j as a usage error before reading anything', async (value) => {
    const run = await runCliInProcess(['pdf', 'kaart', '--content', 'does-not-exist', '--pdf-timeout', value], {cwd: repoRoot})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--pdf-timeout')
    expect(run.stderr).toContain('2147483')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('the default PDF time limit', () => {
  it('grows with the themes and with the bytes printed', () => {
    expect(defaultTimeoutMs(0, 0)).toBe(30_000)
    expect(defaultTimeoutMs(4, 0)).toBe(50_000)
    expect(defaultTimeoutMs(4, 50_000_000)).toBe(150_000)
  })
})
