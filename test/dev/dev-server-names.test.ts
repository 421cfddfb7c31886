import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {copyCard, workFolder} from '../helpers/cli.js'
import {fixtureCardsDir} from '../helpers/content.js'
import {type DevProcess, get, startDev} from '../helpers/dev-server.js'

// Names that the dev server's own paths could take from the site
describe('kenniskaart dev, a theme named print', () => {
  let dir: string
  let dev: DevProcess

  beforeAll(async () => {
    ;({dir} = await workFolder())
    const card = await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const index = path.join(card, 'index.md')
    await writeFile(index, (await readFile(index, 'utf8')).replace('  - terugblikken\n', '  - terugblikken\n  - print\n'))
    await writeFile(path.join(card, '04-print.md'), '---\ntitle: "Printen"\nsummary: "Wat u print en hoe."\n---\n\nOver printen.\n')
    dev = await startDev(['--port', '0'], {cwd: dir})
  })
  afterAll(async () => {
    await dev?.stop()
  })

  it('serves the theme page at /<card>/print/, as a static host would, and the print preview below /__kenniskaart/', async () => {
    const theme = await get(dev.url, '/samen/print/')
    expect(theme.status).toBe(200)
    expect(theme.text).toContain('Over printen.')
    expect(theme.text).not.toContain('Print preview')
    const preview = await get(dev.url, '/__kenniskaart/print/samen/')
    expect(preview.status).toBe(200)
    expect(preview.text).toContain('<title>Print preview · samen</title>')
    // The terminal names the preview where it is
    expect(dev.stderr()).toContain(`print preview: ${dev.url}__kenniskaart/print/samen/`)
  })

  it('sends a preview named without its slash to the folder, and knows no preview of a card that is not there', async () => {
    const moved = await get(dev.url, '/__kenniskaart/print/samen')
    expect(moved.status).toBe(301)
    expect(moved.headers.location).toBe('/__kenniskaart/print/samen/')
    expect((await get(dev.url, '/__kenniskaart/print/nergens/')).status).toBe(404)
    expect((await get(dev.url, '/nergens/print/')).status).toBe(404)
  })
})
