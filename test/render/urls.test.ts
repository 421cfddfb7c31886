import {describe, expect, it} from 'vitest'
import {encodePath, relativeUrl} from '../../src/render/urls.js'

describe('relativeUrl', () => {
  it('links from a theme page to a sibling theme folder', () => {
    expect(relativeUrl('kaart/een/index.html', 'kaart/twee/')).toBe('../twee/')
  })

  it('links from a page to its own folder as ./', () => {
    expect(relativeUrl('kaart/index.html', 'kaart/')).toBe('./')
  })

  it('links to files without adding a slash', () => {
    expect(relativeUrl('kaart/een/index.html', 'assets/kenniskaart/site.css')).toBe('../../assets/kenniskaart/site.css')
    expect(relativeUrl('index.html', 'kaart/card.css')).toBe('kaart/card.css')
  })

  it('links from the site index into a card folder', () => {
    expect(relativeUrl('index.html', 'kaart/')).toBe('kaart/')
  })
})

describe('encoded paths', () => {
  it('percent-encodes each segment, so `%`, `#`, `?` and spaces stay part of the name', () => {
    expect(relativeUrl('kaart/een/index.html', 'kaart/figuren/50% groei #1?.png')).toBe('../figuren/50%25%20groei%20%231%3F.png')
    expect(encodePath('figuren/één.png')).toBe('figuren/%C3%A9%C3%A9n.png')
  })
})
