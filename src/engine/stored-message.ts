import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'

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
