import {describe, expect, it} from 'vitest'
import {defaultConcurrency} from '../../src/pdf/render-publications.js'

describe('defaultConcurrency', () => {
  it('prints one page per core and one more, at least 2 and at most 4 at once', () => {
    expect(defaultConcurrency(1)).toBe(2)
    expect(defaultConcurrency(2)).toBe(3)
    expect(defaultConcurrency(3)).toBe(4)
    expect(defaultConcurrency(16)).toBe(4)
  })
})
