import {describe, expect, it} from 'vitest'
import {relativeUrl} from '../../src/render/urls.js'

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
