/** The image types a card may publish. */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg'

/** How each type is written in a file name (lowercase). */
export const imageExtensions: Readonly<Record<string, ImageType>> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.gif': 'gif',
  '.webp': 'webp',
  '.avif': 'avif',
  '.svg': 'svg'
}

/** The names people know the types by, for findings. */
export const imageTypeNames: Readonly<Record<ImageType, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  avif: 'AVIF',
  svg: 'SVG'
}

/** The type a file name promises, by its extension; `undefined` for anything else. */
export function imageTypeOfName(fileName: string): ImageType | undefined {
  // As `path.extname`: a name that only starts with a dot (`.png`) has no extension.
  const dot = fileName.lastIndexOf('.')
  if (dot <= fileName.lastIndexOf('/') + 1) return undefined
  return imageExtensions[fileName.slice(dot).toLowerCase()]
}

/**
 * The type a file's own bytes show, by their magic numbers. SVG has none:
 * text that is not one of the others counts as a candidate SVG here, which
 * the SVG step then parses as XML with an `<svg>` root.
 */
export function imageTypeOfBytes(bytes: Uint8Array): ImageType | 'text' | undefined {
  if (bytes.length === 0) return undefined
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWithText(bytes, 0, 'GIF87a') || startsWithText(bytes, 0, 'GIF89a')) return 'gif'
  if (startsWithText(bytes, 0, 'RIFF') && startsWithText(bytes, 8, 'WEBP')) return 'webp'
  if (isAvif(bytes)) return 'avif'
  return looksLikeText(bytes) ? 'text' : undefined
}

/**
 * AVIF is an ISO media file: a `ftyp` box first, whose major or one of
 * whose compatible brands is `avif` (a still image) or `avis` (a sequence).
 */
function isAvif(bytes: Uint8Array): boolean {
  if (!startsWithText(bytes, 4, 'ftyp')) return false
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
  const end = Math.min(boxSize, bytes.length)
  if (boxSize < 16) return false
  const brandAt = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4))
  const brands = [brandAt(8), ...Array.from({length: Math.floor((end - 16) / 4)}, (_, index) => brandAt(16 + index * 4))]
  return brands.includes('avif') || brands.includes('avis')
}

/** No NUL bytes and valid UTF-8: what an SVG file must at least be. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    return true
  } catch {
    return false
  }
}

function startsWith(bytes: Uint8Array, offset: number, expected: number[]): boolean {
  return bytes.length >= offset + expected.length && expected.every((byte, index) => bytes[offset + index] === byte)
}

function startsWithText(bytes: Uint8Array, offset: number, text: string): boolean {
  return startsWith(bytes, offset, [...text].map((character) => character.charCodeAt(0)))
}
