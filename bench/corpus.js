// The synthetic corpus of the benchmark: cards like the real ones (an index.md with 15 sources,
// 7 theme files of about 600 words each, with citations, lists and tips), deterministic from a seed.
// `handouts` (optional) gives every card that many named handouts of two themes each instead of the one it has
// by default; it draws no random numbers, so the text stays the same as without it.
// Usage: node bench/corpus.js <dir> <cards> [seed] [handouts]
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

const words = (
  'leerkracht school team leren ontwikkeling professionele cultuur onderwijs leerling begeleiding ' +
  'bestuur beleid collega feedback observatie onderzoek intervisie kwaliteit praktijk vakmanschap ' +
  'samenwerking reflectie doel resultaat gesprek vertrouwen ruimte tijd kennis vaardigheid houding ' +
  'loopbaan starter mentor directeur organisatie visie gezamenlijk verbeteren evalueren borgen'
).split(' ')

/** A small, seeded pseudo-random generator (mulberry32): the same seed gives the same corpus. */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The frontmatter lines of a card's handouts: one by default, or `count` (two themes each, none with 0). */
function handoutLines(cardIndex, themeSlugs, count) {
  if (count === undefined) {
    return ['handouts:', '  - slug: handout', `    title: "Handout ${cardIndex}"`, `    themes: [${themeSlugs[0]}, ${themeSlugs[1]}]`]
  }
  if (count === 0) return []
  return [
    'handouts:',
    ...Array.from({length: count}, (_, index) => {
      const number = String(index + 1).padStart(2, '0')
      // Two different themes for every index below 6 × 7 = 42.
      const themes = [themeSlugs[index % 7], themeSlugs[(index + 1 + Math.floor(index / 7)) % 7]]
      return [`  - slug: handout-${number}`, `    title: "Handout ${cardIndex}.${number}"`, `    themes: [${themes.join(', ')}]`]
    }).flat()
  ]
}

export function generateCorpus(dir, cardCount, seed = 1, {handouts} = {}) {
  const next = random(seed)
  const pick = (list) => list[Math.floor(next() * list.length)]
  const sentence = (length) => {
    const text = Array.from({length}, () => pick(words)).join(' ')
    return `${text[0].toUpperCase()}${text.slice(1)}.`
  }
  let cited = new Set()
  const paragraph = (sourceIds) => {
    const sentences = Array.from({length: 4 + Math.floor(next() * 3)}, () => sentence(8 + Math.floor(next() * 8)))
    const last = sentences.length - 1
    const id = pick(sourceIds)
    cited.add(id)
    sentences[last] = `${sentences[last].slice(0, -1)}[@${id}].`
    return sentences.join(' ')
  }
  rmSync(dir, {recursive: true, force: true})
  for (let cardIndex = 1; cardIndex <= cardCount; cardIndex++) {
    const slug = `kaart-${String(cardIndex).padStart(4, '0')}`
    const cardDir = path.join(dir, slug)
    mkdirSync(cardDir, {recursive: true})
    const sourceIds = Array.from({length: 15}, (_, index) => `bron${index + 1}-${cardIndex}`)
    const themeSlugs = Array.from({length: 7}, (_, index) => `thema-${index + 1}`)
    cited = new Set()
    const sourceTexts = sourceIds.map(() => `"${sentence(6).slice(0, -1)} (${2000 + Math.floor(next() * 25)}), ${sentence(5)}"`)
    const index = [
      '---',
      `title: "Kaart ${cardIndex}: ${sentence(3).slice(0, -1)}"`,
      'label: Kenniskaart',
      'publisher: Arbeidsmarktplatform PO',
      'lang: nl',
      'sources:',
      'SOURCES',
      'contact:',
      '  phone: "(070) 376 57 70"',
      '  email: "info@example.nl"',
      ...handoutLines(cardIndex, themeSlugs, handouts),
      '---',
      '',
      paragraph(sourceIds),
      '',
      paragraph(sourceIds),
      ''
    ]
    themeSlugs.forEach((themeSlug, themeIndex) => {
      const body = []
      for (let section = 1; section <= 4; section++) {
        body.push(`## ${sentence(3).slice(0, -1)}`, '', paragraph(sourceIds), '', paragraph(sourceIds), '')
        if (section === 2) body.push(...Array.from({length: 3}, () => `- ${sentence(7)}`), '')
      }
      const file = [
        '---',
        `title: "${sentence(4).slice(0, -1)}"`,
        `summary: "${sentence(14)}"`,
        'tips:',
        ...Array.from({length: 3}, () => `  - "${sentence(10)}"`),
        '---',
        '',
        ...body
      ]
      writeFileSync(path.join(cardDir, `${String(themeIndex + 1).padStart(2, '0')}-${themeSlug}.md`), file.join('\n'))
    })
    // As in a real card, a source no theme happens to cite is marked so (no warnings to print)
    const sources = sourceIds.flatMap((id, position) => [`  - id: ${id}`, `    text: ${sourceTexts[position]}`, ...(cited.has(id) ? [] : ['    uncited: true'])])
    writeFileSync(path.join(cardDir, 'index.md'), index.flatMap((line) => (line === 'SOURCES' ? sources : [line])).join('\n'))
  }
  return dir
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, cards, seed, handouts] = process.argv.slice(2)
  generateCorpus(dir, Number(cards), Number(seed ?? 1), {handouts: handouts === undefined ? undefined : Number(handouts)})
}
