import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {contrastRatio, minimumContrast} from '../../src/card/contrast.js'
import {repoRoot} from '../helpers/content.js'

describe('contrastRatio', () => {
  it('gives 21 for black on white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10)
  })

  it('gives 1 for a colour on itself', () => {
    expect(contrastRatio('#0b6e8a', '#0b6e8a')).toBe(1)
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
  })

  it('does not depend on which colour is the text', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 10)
    expect(contrastRatio('#b0356a', '#ffffff')).toBe(contrastRatio('#ffffff', '#b0356a'))
  })

  it('reads three-digit hex colours as their six-digit form', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10)
    expect(contrastRatio('#f80', '#fff')).toBe(contrastRatio('#ff8800', '#ffffff'))
  })

  it('ignores the case of hex digits', () => {
    expect(contrastRatio('#0B6E8A', '#FFFFFF')).toBe(contrastRatio('#0b6e8a', '#ffffff'))
  })

  it('matches known WCAG values around the AA threshold', () => {
    // #767676 is the lightest grey that passes AA on white; #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(minimumContrast)
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(minimumContrast)
  })

  it('is 4.5 for WCAG AA normal text', () => {
    expect(minimumContrast).toBe(4.5)
  })

  it('gives every colour of the bundled palette AA contrast with its text colour', async () => {
    const config = JSON.parse(await readFile(path.join(repoRoot, 'themes/kenniskaart/theme.json'), 'utf8')) as {palette: string[]; onColor: string}
    const failing = config.palette.filter((color) => contrastRatio(color, config.onColor) < minimumContrast)
    expect(failing).toEqual([])
  })
})
