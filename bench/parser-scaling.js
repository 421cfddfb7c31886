// node bench/parser-scaling.js [filter]: how the per-file Markdown step (processMarkdown from lib/, the real
// remark-parse + frontmatter + gfm + directive chain and our plugins) grows on hostile shapes. Each shape runs at
// doubling sizes until one run takes longer than BENCH_BUDGET_MS (default 1500) or BENCH_MAX_KB (default 256);
// the growth ratio is the CPU time of the last size over that of the size before it: about 2 is linear, about 4
// quadratic. Shapes the guard refuses report `refused` (the step stops before parsing; set BENCH_NO_GUARD=1 to
// measure the parser without it). Needs `npm run build`.
import {VFile} from 'vfile'
import {withinParseLimits} from '../lib/markdown/parse-guard.js'
import {processMarkdown} from '../lib/markdown/processor.js'

const budget = Number(process.env.BENCH_BUDGET_MS ?? 1500)
const maxKb = Number(process.env.BENCH_MAX_KB ?? 256)
const filter = process.argv[2] ?? ''
const head = '---\ntitle: T\nsummary: S.\n---\n\n'

/** Each shape builds about `size` characters of one hostile paragraph (or block). */
const shapes = {
  'unclosed `[` then words (autolink literal)': (size) => `[a, ${'p '.repeat(size / 2)}`,
  '`[a] ` repeated (label end)': (size) => '[a] '.repeat(size / 4),
  '`[` repeated (nested openers)': (size) => '['.repeat(size),
  '`[` × n then `]` × n': (size) => '['.repeat(size / 2) + ']'.repeat(size / 2),
  '`![` repeated': (size) => '!['.repeat(size / 2),
  '`![a] ` repeated': (size) => '![a] '.repeat(size / 5),
  '`[a](` repeated (unclosed destination)': (size) => '[a]('.repeat(size / 4),
  '`[a](b ` repeated': (size) => '[a](b '.repeat(size / 6),
  '`](` repeated': (size) => '](' .repeat(size / 2),
  '`[a][b] ` full references, undefined': (size) => '[a][b] '.repeat(size / 7),
  '`[^a]` footnote calls': (size) => '[^a] '.repeat(size / 5),
  '`[^a` unclosed footnote calls': (size) => '[^a '.repeat(size / 4),
  'link reference definitions': (size) => Array.from({length: size / 10}, (_, i) => `[d${i}]: u\n`).join('') + '[d1] [d2]',
  'definition then many references': (size) => '[a]: u\n\n' + '[a] '.repeat(size / 4),
  '`*a ` emphasis openers': (size) => '*a '.repeat(size / 3),
  '`a* ` emphasis closers': (size) => 'a* '.repeat(size / 3),
  '`_a ` emphasis openers': (size) => '_a '.repeat(size / 3),
  '`a_ ` emphasis closers': (size) => 'a_ '.repeat(size / 3),
  '`*a _b ` mixed openers': (size) => '*a _b '.repeat(size / 6),
  '`**a* ` mismatched runs': (size) => '**a* '.repeat(size / 5),
  '`*a` × n then `b*` × n': (size) => '*a '.repeat(size / 6) + 'b* '.repeat(size / 6),
  '`~a ` strikethrough openers': (size) => '~a '.repeat(size / 3),
  '`a~ ` strikethrough closers': (size) => 'a~ '.repeat(size / 3),
  '`~~a ~` mismatched tildes': (size) => '~~a ~'.repeat(size / 5),
  '`<a ` html openers': (size) => '<a '.repeat(size / 3),
  '`<http:` autolink openers': (size) => '<http:'.repeat(size / 6),
  '`<!--` comments unclosed': (size) => 'a <!-- '.repeat(size / 7),
  '`<a b="` attribute unclosed': (size) => '<a b="'.repeat(size / 6),
  'backticks of growing lengths': (size) => {
    let text = ''
    for (let run = 1; text.length < size; run++) text += '`'.repeat(run) + 'a'
    return text
  },
  '`` ` `` then `` `` `` pairs': (size) => '`a' + '``b'.repeat(size / 3),
  '`:::` directive openers (nesting)': (size) => ':::a\n'.repeat(Math.min(size / 5, 200)),
  '`::x[` leaf directive openers': (size) => '::x['.repeat(size / 4),
  '`:x[` text directive openers': (size) => ':x['.repeat(size / 3),
  '`:x{` unclosed attributes': (size) => ':x{a=b '.repeat(size / 7),
  '`:x[a]{` repeated': (size) => ':x[a]{'.repeat(size / 6),
  '`|` rows of a table': (size) => '| a | b |\n| - | - |\n' + '| a | b |\n'.repeat(size / 10),
  '`a|b` lines (no table)': (size) => 'a|b\n'.repeat(size / 4),
  '`&amp;` references': (size) => '&amp;'.repeat(size / 5),
  '`&#123;` numeric references': (size) => '&#123;'.repeat(size / 6),
  '`&aaaa` unterminated references': (size) => '&aaaaaaa '.repeat(size / 9),
  'one long word': (size) => 'a'.repeat(size),
  'one long word of `a.` (email literal regex)': (size) => 'a.'.repeat(size / 2),
  'one long word of `a-`': (size) => 'a-'.repeat(size / 2),
  'one long word of `a+` then `@`': (size) => 'a+'.repeat(size / 2) + '@',
  '`www.a.` long domain': (size) => 'www.' + 'a.'.repeat(size / 2),
  '`[a](b) ` links then words': (size) => '[a](b) '.repeat(size / 14) + 'p '.repeat(size / 4),
  '`[a] ` balanced then words': (size) => '[a] '.repeat(size / 8) + 'p '.repeat(size / 4),
  'one long line of spaces': (size) => `a${' '.repeat(size)}b`,
  '`\\\\` escapes': (size) => '\\\\'.repeat(size / 2),
  '`www.` literals': (size) => 'www.a '.repeat(size / 6),
  '`http://` literals': (size) => 'http://a '.repeat(size / 9),
  '`a@b.c` email literals': (size) => 'a@b.c '.repeat(size / 6),
  '`[@a] ` citations': (size) => '[@a] '.repeat(size / 5),
  'hard breaks': (size) => 'a  \n'.repeat(size / 4),
  '`> ` quotes, one line each': (size) => '> a\n'.repeat(size / 4),
  '`- ` list items': (size) => '- a\n'.repeat(size / 4)
}

const cpuMs = () => {
  const {user, system} = process.cpuUsage()
  return (user + system) / 1000
}

async function timeOf(value) {
  const file = new VFile({path: 'x.md', value: head + value + '\n'})
  const started = cpuMs()
  // As the per-file step does (processSafely in src/content/load-files.ts): the guard, then the parse.
  const refused = !process.env.BENCH_NO_GUARD && !withinParseLimits(file)
  if (!refused) await processMarkdown(file)
  return {ms: cpuMs() - started, refused}
}

console.log(`| shape | largest size | CPU ms | growth ×2 |`)
console.log(`| --- | ---: | ---: | ---: |`)
for (const [name, shape] of Object.entries(shapes)) {
  if (!name.includes(filter)) continue
  await timeOf(shape(1024))
  let previous
  let last
  let size = 4 * 1024
  let refused = false
  for (; size <= maxKb * 1024; size *= 2) {
    const result = await timeOf(shape(size))
    refused ||= result.refused
    previous = last
    last = result.ms
    if (last > budget) break
  }
  if (size > maxKb * 1024) size /= 2
  const ratio = previous ? (last / previous).toFixed(1) : '–'
  console.log(`| ${name} | ${size / 1024} KB | ${last.toFixed(0)} | ${ratio}${refused ? ' (refused)' : ''} |`)
}
