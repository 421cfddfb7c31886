import {describe, expect, it} from 'vitest'
import {imageTypeOfBytes, imageTypeOfName} from '../../src/content/image-type.js'

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((character) => character.charCodeAt(0)) : part)))

/** An ISO media `ftyp` box of `size` bytes with a major brand and compatible brands. */
function ftyp(major: string, compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible)
}

describe('imageTypeOfName', () => {
  it('knows the allowed extensions, in any case', () => {
    expect(['a.png', 'b.JPG', 'c.jpeg', 'd.Gif', 'e.webp', 'f.avif', 'g.SVG'].map(imageTypeOfName)).toEqual(['png', 'jpeg', 'jpeg', 'gif', 'webp', 'avif', 'svg'])
  })

  it('refuses everything else, also names without an extension or with a dot only in a folder', () => {
    for (const name of ['index.html', 'card.css', 'fig/evil.html', 'x.svgz', 'x.png.html', 'x.pdf', 'png', 'fig.png/x', '.png', 'x.']) {
      expect(imageTypeOfName(name), name).toBeUndefined()
    }
  })
})

describe('imageTypeOfBytes', () => {
  it('recognizes each raster type by its magic number', () => {
    expect(imageTypeOfBytes(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png')
    expect(imageTypeOfBytes(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
    expect(imageTypeOfBytes(bytes('GIF87a', [1, 0]))).toBe('gif')
    expect(imageTypeOfBytes(bytes('GIF89a', [1, 0]))).toBe('gif')
    expect(imageTypeOfBytes(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp')
    expect(imageTypeOfBytes(ftyp('avif', ['mif1', 'miaf']))).toBe('avif')
    expect(imageTypeOfBytes(ftyp('mif1', ['miaf', 'avif']))).toBe('avif')
    expect(imageTypeOfBytes(ftyp('avis', []))).toBe('avif')
  })

  it('does not take other ISO media (an MP4 video) or other RIFF files (a WAV) for images', () => {
    expect(imageTypeOfBytes(ftyp('isom', ['mp41', 'avc1']))).not.toBe('avif')
    expect(imageTypeOfBytes(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).not.toBe('webp')
  })

  it('calls UTF-8 text text, so HTML named .png is caught and SVG goes on to be parsed', () => {
    expect(imageTypeOfBytes(bytes('<!doctype html><script>alert(1)</script>'))).toBe('text')
    expect(imageTypeOfBytes(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">é</svg>'))).toBe('text')
  })

  it('calls binary data of no allowed type nothing: a PDF, a ZIP, truncated magic, an empty file', () => {
    expect(imageTypeOfBytes(bytes('%PDF-1.7', [0, 0xff]))).toBeUndefined()
    expect(imageTypeOfBytes(bytes('PK', [3, 4, 0, 0]))).toBeUndefined()
    expect(imageTypeOfBytes(bytes([0x89], 'PN'))).not.toBe('png')
    expect(imageTypeOfBytes(bytes([0xff, 0xfe, 0, 0]))).toBeUndefined()
    expect(imageTypeOfBytes(new Uint8Array())).toBeUndefined()
  })
})
