import {VFile} from 'vfile'
import {type CardDraftData, loadCardFile, loadThemeFile, type ThemeDraftData} from '../content/load-files.js'
import type {CardReference, CitationUse} from '../markdown/types.js'
import {applyStoredMessages, type StoredMessage, storeMessage} from './stored-message.js'

/** What the per-file step is given: one content file, read as text. */
export interface FileStepInput {
  kind: 'card' | 'theme'
  /** The file's path; only its name counts for the result (a theme's slug). */
  path: string
  value: string
}

/** What the Markdown of a file refers to, for the per-card checks. */
export interface FileReferences {
  citations: CitationUse[]
  inTextCitations: CitationUse[]
  themeLinks: CardReference[]
  fragmentLinks: CardReference[]
  images: CardReference[]
}

/**
 * The result of the per-file step: plain data that depends on the file's
 * name and text alone, so it is cached by them and made in any thread.
 */
export type FileResult =
  | {kind: 'card'; draft: CardDraftData; messages: StoredMessage[]; references: FileReferences}
  | {kind: 'theme'; draft: ThemeDraftData | undefined; messages: StoredMessage[]; references: FileReferences}

/** Parse, validate and transform one file. */
export async function runFileStep(input: FileStepInput): Promise<FileResult> {
  const file = new VFile({path: input.path, value: input.value})
  file.data.readable = true
  const common = (): Omit<FileResult, 'kind' | 'draft'> => ({messages: file.messages.map(storeMessage), references: referencesOf(file)})
  if (input.kind === 'card') {
    const draft = await loadCardFile(file)
    return {kind: 'card', draft, ...common()}
  }
  const draft = await loadThemeFile(file)
  return {kind: 'theme', draft, ...common()}
}

/**
 * Put a result's findings and references on the file they came from, as
 * the per-file step would have left them there.
 */
export function applyFileResult(file: VFile, result: FileResult): void {
  applyStoredMessages(file, result.messages)
  Object.assign(file.data, result.references)
}

function referencesOf(file: VFile): FileReferences {
  return {
    citations: file.data.citations ?? [],
    inTextCitations: file.data.inTextCitations ?? [],
    themeLinks: file.data.themeLinks ?? [],
    fragmentLinks: file.data.fragmentLinks ?? [],
    images: file.data.images ?? []
  }
}
