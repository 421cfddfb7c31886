import {describe, expect, it} from 'vitest'
import {fileWithSlug, nextThemeFileName, themeFileNames} from '../../src/scaffold/next-theme-file.js'

describe('the next theme file', () => {
  it('numbers after the highest prefix, at that prefix\'s width', () => {
    expect(nextThemeFileName(['01-een.md', '07-twee.md', '03-drie.md'], 'vier')).toBe('08-vier.md')
    expect(nextThemeFileName(['009-een.md'], 'twee')).toBe('010-twee.md')
    expect(nextThemeFileName(['99-een.md'], 'twee')).toBe('100-twee.md')
    expect(nextThemeFileName(['2_een.md', '1.twee.md'], 'drie')).toBe('3-drie.md')
  })

  it('starts at 01 in a card without numbered themes', () => {
    expect(nextThemeFileName([], 'een')).toBe('01-een.md')
    expect(nextThemeFileName(['los.md', 'nog-een.md'], 'een')).toBe('01-een.md')
  })

  it('finds a slug under any number, and counts only theme files', () => {
    expect(fileWithSlug(['01-een.md', '12-twee.md', 'drie.md'], 'twee')).toBe('12-twee.md')
    expect(fileWithSlug(['01-een.md', '12-twee.md', 'drie.md'], 'drie')).toBe('drie.md')
    expect(fileWithSlug(['01-een.md'], 'twee')).toBeUndefined()
    expect(themeFileNames(['index.md', '01-een.md', 'notities.txt', '.02-verborgen.md', '03-HOOFD.MD'])).toEqual(['01-een.md', '03-HOOFD.MD'])
  })
})
