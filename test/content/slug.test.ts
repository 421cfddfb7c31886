import {describe, expect, it} from 'vitest'
import {slugFromFileName} from '../../src/content/slug.js'

describe('slugFromFileName', () => {
  it('drops the number prefix and the .md extension', () => {
    expect(slugFromFileName('03-begeleiding-starters.md')).toBe('begeleiding-starters')
  })

  it('keeps a file name without a number prefix as it is', () => {
    expect(slugFromFileName('leiderschap.md')).toBe('leiderschap')
  })

  it('drops prefixes of any length', () => {
    expect(slugFromFileName('1-start.md')).toBe('start')
    expect(slugFromFileName('10-tiende-thema.md')).toBe('tiende-thema')
    expect(slugFromFileName('007-geheim.md')).toBe('geheim')
  })

  it('keeps digits that are part of the name', () => {
    expect(slugFromFileName('02-21e-eeuwse-vaardigheden.md')).toBe('21e-eeuwse-vaardigheden')
    expect(slugFromFileName('stap2.md')).toBe('stap2')
  })

  it('uses only the file name of a path', () => {
    expect(slugFromFileName('kaart/02-opbrengsten.md')).toBe('opbrengsten')
    expect(slugFromFileName('./02-opbrengsten.md')).toBe('opbrengsten')
  })

  it('accepts an upper-case extension', () => {
    expect(slugFromFileName('04-LEIDERSCHAP.MD')).toBe('LEIDERSCHAP')
  })

  it('gives the same slug for a prefixed and an unprefixed name of one theme', () => {
    expect(slugFromFileName('02-voorbereiden.md')).toBe(slugFromFileName('voorbereiden.md'))
  })
})
