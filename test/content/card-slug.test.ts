import {describe, expect, it} from 'vitest'
import {cardSlugProblem} from '../../src/content/card-slug.js'

describe('cardSlugProblem', () => {
  it('accepts the names a theme slug may have', () => {
    for (const name of ['kaart', 'professionele-leercultuur', '2024-leesclub', 'a1']) expect(cardSlugProblem(name), name).toBeUndefined()
  })

  it('refuses names that are no slug, each with a usable suggestion', () => {
    expect(cardSlugProblem('a#b')?.suggestion).toBe('a-b')
    expect(cardSlugProblem('50%')?.suggestion).toBe('50')
    expect(cardSlugProblem('index.html')?.suggestion).toBe('index-html')
    expect(cardSlugProblem('Mijn Kaart')?.suggestion).toBe('mijn-kaart')
    expect(cardSlugProblem('Één kaart?')?.suggestion).toBe('een-kaart')
    expect(cardSlugProblem('%%%')?.suggestion).toBe('mijn-kaart')
    expect(cardSlugProblem('-kaart-')?.suggestion).toBe('kaart')
  })

  it('refuses the output\'s own folder names, and never suggests one', () => {
    expect(cardSlugProblem('assets')?.reason).toMatch(/reserved/)
    expect(cardSlugProblem('assets')?.suggestion).toBe('assets-kaart')
    // The search index's folder
    expect(cardSlugProblem('pagefind')?.reason).toMatch(/reserved: the output uses `pagefind\/`/)
    expect(cardSlugProblem('Assets')?.suggestion).toBe('assets-kaart')
  })
})
