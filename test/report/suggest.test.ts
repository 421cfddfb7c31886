import {describe, expect, it} from 'vitest'
import {didYouMean, suggest} from '../../src/report/suggest.js'

describe('suggest', () => {
  it('suggests the known name one typo away', () => {
    expect(suggest('inleidng', ['inleiding', 'leiderschap'])).toBe('inleiding')
    expect(suggest('smith2021', ['smith2020', 'snoek2017'])).toBe('smith2020')
  })

  it('suggests nothing when no name is close: an unrelated name misleads', () => {
    expect(suggest('smith2020', ['snoek2017'])).toBeUndefined()
    expect(suggest('abc', ['xyz'])).toBeUndefined()
  })

  it('allows one edit in a short name and one per three characters in a longer one', () => {
    expect(suggest('ab', ['ac'])).toBe('ac')
    expect(suggest('ab', ['cd'])).toBeUndefined()
    expect(suggest('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz')
    expect(suggest('abcdefghi', ['abcdewxyz'])).toBeUndefined()
  })

  it('compares without regard to case, and a pure case difference beats a closer-looking name', () => {
    expect(suggest('Foto.PNG', ['foto.png', 'Foto.PNh'])).toBe('foto.png')
    expect(suggest('INLEIDING', ['inleiding'])).toBe('inleiding')
  })

  it('picks the closest of several near names, and never the name itself', () => {
    expect(suggest('leiderschp', ['leiderschap', 'leiderschappen'])).toBe('leiderschap')
    expect(suggest('a', ['a'])).toBeUndefined()
  })

  it('words the suggestion as a question, or gives nothing', () => {
    expect(didYouMean('inleidng', ['inleiding'])).toBe('Did you mean `inleiding`?')
    expect(didYouMean('x', ['inleiding'])).toBeUndefined()
    expect(didYouMean('smith202', ['smith2020'], (id) => `[@${id}]`)).toBe('Did you mean [@smith2020]?')
  })
})
