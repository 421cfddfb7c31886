// The bare unified floor: the least a Markdown-to-HTML build can do with the unified pipeline.
// For each .md file under <content>: read it, split off the frontmatter (gray-matter), remark-parse →
// remark-rehype → rehype-stringify, put it in a trivial page and write one HTML file per input file.
// One process, one file after the other, no checks, no numbering, no layout work.
// Usage: node bench/unified-floor.js <content> <out>
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import matter from 'gray-matter'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'

const [contentDir, outDir] = process.argv.slice(2)
if (!contentDir || !outDir) {
  console.error('usage: node bench/unified-floor.js <content> <out>')
  process.exit(2)
}

const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze()
const escape = (text) => String(text).replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`)
const page = (title, body) =>
  `<!doctype html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>${escape(title)}</title></head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`

const files = readdirSync(contentDir, {recursive: true})
  .map(String)
  .filter((name) => name.endsWith('.md'))
  .sort()
for (const name of files) {
  // An options object (even empty) keeps gray-matter from caching every file it has read.
  const {data, content} = matter(readFileSync(path.join(contentDir, name), 'utf8'), {})
  const html = String(await processor.process(content))
  const target = path.join(outDir, name.replace(/\.md$/, '.html'))
  mkdirSync(path.dirname(target), {recursive: true})
  writeFileSync(target, page(data.title ?? name, html))
}
