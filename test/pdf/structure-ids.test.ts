import {describe, expect, test} from 'vitest'
import {renumberStructureIds} from '../../src/pdf/structure-ids.js'

describe('renumberStructureIds', () => {
  test('numbers Chromium’s node IDs 1, 2, 3 in their order, everywhere they are named, keeping every length', () => {
    const pdf = '1 0 obj\n<</S /TH /ID (node00000748)>>\n2 0 obj\n<</S /TH /ID (node00000151)>>\n3 0 obj\n<</A <</O /Table /Headers [(node00000748) (node00000151)]>>>>\n4 0 obj\n<</Names [(node00000151) 2 0 R (node00000748) 1 0 R]>>'
    const bytes = Buffer.from(pdf, 'latin1')
    renumberStructureIds(bytes)
    const text = bytes.toString('latin1')
    expect(bytes.length).toBe(pdf.length)
    expect(text).toBe(pdf.replaceAll('node00000151', 'node00000001').replaceAll('node00000748', 'node00000002'))
  })

  test('the same page printed later in the same browser (other node numbers) gives the same bytes', () => {
    const printed = (first: number) => Buffer.from(`<</ID (node${String(first).padStart(8, '0')})>> <</ID (node${String(first + 2).padStart(8, '0')})>>`, 'latin1')
    const [early, late] = [printed(10), printed(90_210)]
    renumberStructureIds(early)
    renumberStructureIds(late)
    expect(early.equals(late)).toBe(true)
  })

  test('leaves a string that is not a structure ID alone', () => {
    const pdf = '<</Title (node00000005)>> <</ID (node00000009)>>'
    const bytes = Buffer.from(pdf, 'latin1')
    renumberStructureIds(bytes)
    expect(bytes.toString('latin1')).toBe('<</Title (node00000005)>> <</ID (node00000001)>>')
  })
})
