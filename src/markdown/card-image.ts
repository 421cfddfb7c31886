import path from 'node:path/posix'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {emitError} from '../report/emit.js'

/** A URL with a scheme (`https:`, `mailto:`) or protocol-relative: not a card file. */
export const externalUrl = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i

/** A web address: an image there would be loaded from someone else's server. */
const remoteUrl = /^(?:https?:|\/\/)/i

/**
 * What an image address written in content names: a file of the card (its
 * path relative to the card folder), an address that was refused with a
 * finding, or another scheme (`data:`, `javascript:`), which the HTML
 * sanitizer reports and removes.
 */
export type ClaimedImage = {kind: 'card'; path: string} | {kind: 'refused'} | {kind: 'other-scheme'}

/**
 * Claim an image for the card, whatever syntax wrote it (`![](…)` or raw
 * `<img src>`): remote and outside addresses are errors at `place`; a card
 * file is recorded in `file.data.images`, so the per-card step checks its
 * type and copies it.
 */
export function claimCardImage(file: VFile, url: string, place: Point | undefined): ClaimedImage {
  if (remoteUrl.test(url.trim())) {
    emitError(file, 'image-remote', `Image \`${url}\` is loaded from another site`, {
      place,
      hint: 'Images stay inside the card: save the image in the card folder (for example in `figuren/`) and link to it relative to the card.'
    })
    return {kind: 'refused'}
  }
  if (externalUrl.test(url)) return {kind: 'other-scheme'}
  const normalized = path.normalize(decodePath(url.split(/[?#]/, 1)[0]!))
  if (normalized === '..' || normalized.startsWith('../') || path.isAbsolute(normalized)) {
    emitError(file, 'image-outside-card', `Image \`${url}\` lies outside the card folder`, {
      place,
      hint: 'Put the image inside the card folder (for example in `figuren/`) and link to it relative to the card.'
    })
    return {kind: 'refused'}
  }
  ;(file.data.images ??= []).push({target: normalized, fragment: undefined, place: place ?? {line: 1, column: 1}})
  return {kind: 'card', path: normalized}
}

/**
 * Percent-decode a path as written, `%23` (`#`) and `%3F` (`?`) too, so
 * any file name can be written; a malformed escape is kept as written.
 */
export function decodePath(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
