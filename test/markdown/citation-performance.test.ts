import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import remarkCitations from '../../src/markdown/remark-citations.js'

/*
 * Scanning for citations is linear in the input: hostile shapes that made the
 * old regular expression quadratic (`[@` and 320 KB of spaces took 44 s) or
 * that make a naive tokenizer rescan to the end of the paragraph. Times are
 * compared between sizes, never against a number of seconds; they are the
 * process's CPU time, not the clock, so other work on a busy machine does
 * not count, and the best of two runs damps what noise is left.
 */

const citationsOnly = unified().use(remarkParse).use(remarkCitations).freeze()

async function parseTime(value: string, run: (file: VFile) => Promise<unknown>, attempts = 2): Promise<number> {
  let best = Number.POSITIVE_INFINITY
  for (let attempt = 0; attempt < attempts; attempt++) {
    const file = new VFile({path: 'x.md', value})
    const started = process.cpuUsage()
    await run(file)
    const used = process.cpuUsage(started)
    best = Math.min(best, used.user + used.system)
  }
  return best
}

const runCitations = async (file: VFile) => citationsOnly.run(citationsOnly.parse(file), file)

describe('citation scanning is linear in the input', () => {
  // The old quadratic scan took 44 s on 320 KB of this; 2 MB is far past where that shows
  it('parses 2 MB of `[@` and spaces, doubling the input at most tripling the time', async () => {
    const shape = (size: number) => `Tekst [@${' '.repeat(size)}x\n`
    await parseTime(shape(10_000), runCitations)
    const half = await parseTime(shape(1_000_000), runCitations, 1)
    const full = await parseTime(shape(2_000_000), runCitations, 1)
    expect(full / half).toBeLessThan(3)
  })

  // Each shape repeats a citation-like start; 2.5 KB and eight times that.
  // Linear is 8× the time (CommonMark's own bracket handling adds a little),
  // quadratic 64×: the bound is 24×.
  const shapes: Record<string, (size: number) => string> = {
    '`[@a; ` repeated (a list never closed)': (size) => '[@a; '.repeat(size / 5),
    '`[-@` repeated': (size) => '[-@'.repeat(size / 3),
    '`[zie ` repeated (a prefix without an id)': (size) => '[zie '.repeat(size / 5),
    '`[@a, ` and a suffix that never closes': (size) => `[@a, ${'p '.repeat(size / 2)}`,
    '`[@a` repeated': (size) => '[@a'.repeat(size / 3),
    '`[@a] ` repeated (valid citations)': (size) => '[@a] '.repeat(size / 5),
    'in-text `@a` beside malformed `[@ `': (size) => '@a [@ '.repeat(size / 6),
    '`\\\\[@ ` repeated (escaped backslashes)': (size) => '\\\\[@ '.repeat(size / 6),
    '`[@a;` over many lines': (size) => '[@a;\n'.repeat(size / 5)
  }
  for (const [name, shape] of Object.entries(shapes)) {
    it(`parses ${name} in linear time`, async () => {
      await parseTime(shape(2_000), runCitations)
      const small = await parseTime(`Tekst ${shape(2_500)}\n`, runCitations, 3)
      const large = await parseTime(`Tekst ${shape(20_000)}\n`, runCitations)
      expect(large / small).toBeLessThan(24)
    })
  }
})
