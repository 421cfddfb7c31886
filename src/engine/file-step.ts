import type {Point, Position} from 'unist'
import {VFile} from 'vfile'
import {type CardDraftData, loadCardFile, loadThemeFile, type ThemeDraftData} from '../content/load-files.js'
import type {CardReference, CitationUse} from '../markdown/types.js'

/** What the per-file step is given: one content file, read as text. */
export interface FileStepInput {
  kind: 'card' | 'theme'
  /** The file's path; only its name counts for the result (a theme's slug). */
  path: string
  value: string
}

/** A finding, as plain data. */
export interface StoredMessage {
  reason: string
  place: Point | Position | undefined
  ruleId: string | undefined
  source: string | undefined
  fatal: boolean | undefined
  url: string | undefined
  note: string | undefined
  expected: string[] | undefined
  actual: string | undefined
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

/** Put stored findings on a file, in their order. */
export function applyStoredMessages(file: VFile, messages: readonly StoredMessage[]): void {
  for (const stored of messages) {
    const message = file.message(stored.reason, {place: stored.place, ruleId: stored.ruleId, source: stored.source})
    message.fatal = stored.fatal
    message.url = stored.url
    message.note = stored.note
    message.expected = stored.expected
    message.actual = stored.actual
  }
}

/** A finding as plain data. */
export function storeMessage(message: VFile['messages'][number]): StoredMessage {
  return {
    reason: message.reason,
    place: message.place ?? undefined,
    ruleId: message.ruleId ?? undefined,
    source: message.source ?? undefined,
    fatal: message.fatal ?? undefined,
    url: message.url ?? undefined,
    note: message.note ?? undefined,
    expected: message.expected ?? undefined,
    actual: message.actual ?? undefined
  }
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
