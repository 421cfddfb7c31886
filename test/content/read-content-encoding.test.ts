import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {firstInvalidUtf8, readTextFile} from '../../src/content/read-content.js'

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))))

describe('where a file stops being UTF-8', () => {
  // Columns count the characters of the valid text before the bad byte, as every finding does
  it('finds a Latin-1 é in the middle of a line after valid multi-byte characters', () => {
    expect(firstInvalidUtf8(bytes('---\ntitle: Café ', [0xe9], 'n\n'))).toEqual({byte: 17, place: {line: 2, column: 13}})
  })

  it('counts CRLF and lone CR line breaks, and does not count a byte-order mark', () => {
    expect(firstInvalidUtf8(bytes([0xef, 0xbb, 0xbf], 'ab', [0xff], 'c'))).toEqual({byte: 5, place: {line: 1, column: 3}})
    expect(firstInvalidUtf8(bytes('a\r\nb\rcd', [0x80]))).toEqual({byte: 7, place: {line: 3, column: 3}})
  })

  it('takes a real U+FFFD in the text for the valid character it is', () => {
    expect(firstInvalidUtf8(bytes('x\uFFFDy\n\uFFFD', [0xc3, 0x28]))).toEqual({byte: 9, place: {line: 2, column: 2}})
  })

  it('finds a sequence cut short, and a character past U+FFFF before it', () => {
    expect(firstInvalidUtf8(bytes('😀z', [0xe2, 0x82]))).toEqual({byte: 5, place: {line: 1, column: 4}})
  })
})

describe('readTextFile on a file that is not UTF-8', () => {
  const dir = mkdtemp(path.join(os.tmpdir(), 'kenniskaart-utf8-'))
  afterAll(async () => rm(await dir, {recursive: true, force: true}))

  it('reports file-encoding at the line and column of the first bad byte, and does not read the file', async () => {
    const root = await dir
    const filePath = path.join(root, '01-thema.md')
    await writeFile(filePath, bytes('---\ntitle: Thema\n---\n\nTekst met café en ', [0xe9], 'én.\n'))
    const file = await readTextFile(root, filePath)
    expect(file.data.readable).toBe(false)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['file-encoding', 5, 19]])
    expect(file.messages[0]?.reason).toContain('0xe9')
  })
})
