import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {PrintService} from '../../src/dev/print-service.js'
import {memoryCache} from '../../src/engine/cache-store.js'
import {workFolder} from '../helpers/cli.js'

describe('PrintService', () => {
  it('stops printing a card that is no longer in the site (renamed or removed) after a change', async () => {
    const {dir} = await workFolder()
    const contentDir = path.join(dir, 'content')
    await mkdir(contentDir)
    let generation = 1
    const printed: string[] = []
    const prints = new PrintService({contentDir, cache: memoryCache(), tool: 'test', generation: () => generation, debounceMs: 0, onPrinted: (card) => printed.push(card)})
    // Asked for once (the card was there then): it cannot be printed now
    const first = await prints.current('weg')
    expect(first.problem?.message).toMatch(/There is no card `weg`/)
    expect(printed).toEqual(['weg'])
    // The next change: the card is not in the site, so it is not printed again (and not said again)
    generation++
    prints.contentChanged(() => false)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(printed).toEqual(['weg'])
    await prints.close()
  })
})
