import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {rules} from '../../src/report/rules.js'
import {repoRoot} from '../helpers/cli.js'

describe('the rule table in the README', () => {
  it('lists every rule id the tool can emit, and no other', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    const documented = [...readme.matchAll(/^\| `([a-z\d-]+)` \|/gm)].map((match) => match[1])
    expect(new Set(documented)).toEqual(new Set(Object.keys(rules)))
  })
})
