import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Heading} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {toString} from 'mdast-util-to-string'
import {describe, expect, it} from 'vitest'
import {ruleDocsUrl} from '../../src/report/rule-docs.js'
import {type RuleId, rules} from '../../src/report/rules.js'
import {repoRoot} from '../helpers/cli.js'

const ruleIds = Object.keys(rules) as RuleId[]
const rulesDoc = await readFile(path.join(repoRoot, 'docs', 'rules.md'), 'utf8')

/** The level-2 sections of docs/rules.md (headings in code blocks are examples, not sections), by heading, with their text. */
const headings = fromMarkdown(rulesDoc).children.filter((node): node is Heading => node.type === 'heading' && node.depth === 2)
const sections = new Map(
  headings.map((heading, index) => [
    toString(heading),
    rulesDoc.slice(heading.position!.start.offset, headings[index + 1]?.position!.start.offset ?? rulesDoc.length)
  ] as const)
)

describe('the rule table in the README', () => {
  it('lists every rule id the tool can emit, and no other', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    // A row names its rule as `id`, or links it to its section: [`id`](docs/rules.md#id)
    const rows = [...readme.matchAll(/^\| (?:`([a-z\d-]+)`|\[`([a-z\d-]+)`\]\(docs\/rules\.md#([a-z\d-]+)\)) \|/gm)]
    expect(new Set(rows.map((row) => row[1] ?? row[2]))).toEqual(new Set(ruleIds))
    for (const row of rows) if (row[2]) expect(row[3]).toBe(row[2])
  })
})

describe('docs/rules.md', () => {
  it('has a section headed by each rule id, and no section for an id that does not exist', () => {
    expect([...sections.keys()].sort()).toEqual([...ruleIds].sort())
  })

  it.each(ruleIds)('says whether %s is an error or a warning, and how to fix it', (id) => {
    const section = sections.get(id) ?? ''
    expect(section).toMatch(/^\*\*(?:Error|Warning)\.\*\* \S/m)
    expect(section).toMatch(/^\*\*Fix:\*\* \S/m)
  })

  it('shows an example for most rules', () => {
    const withExample = ruleIds.filter((id) => /^```\w+\n[^]+?\n```$/m.test(sections.get(id) ?? ''))
    expect(withExample.length).toBeGreaterThanOrEqual(ruleIds.length - 12)
  })
})

describe('the documentation link of a rule', () => {
  it('is the rule\'s section in the docs/rules.md beside the program, so it works offline', async () => {
    const url = new URL(ruleDocsUrl('citation-unknown'))
    expect(url.protocol).toBe('file:')
    expect(url.hash).toBe('#citation-unknown')
    expect(fileURLToPath(url)).toBe(path.join(repoRoot, 'docs', 'rules.md'))
  })

  it('is shipped: the package includes docs/rules.md', async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {files: string[]}
    expect(manifest.files).toContain('docs/rules.md')
  })
})
