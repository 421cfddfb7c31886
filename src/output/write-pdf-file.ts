import {open, mkdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {CliError, ExitCode} from '../errors.js'
import {type OutputWrites, processWrites, WriteInterrupted} from './output-writes.js'
import {leftoverPath, recoverLeftovers} from './recover-leftovers.js'
import {resolveOutputPath} from './resolve-output-path.js'

export interface PdfTargetOptions {
  out: string
  content: string
  /** Replace an existing file that is not a PDF kenniskaart wrote. */
  force: boolean
}

/**
 * Check `pdf --out` and return its real path: the refusals of
 * `resolveOutputPath`, a folder or other non-file, and, unless `--force`,
 * an existing file that is not a PDF written by kenniskaart. A symbolic
 * link to a file is followed: the file it points to is replaced, the link stays.
 */
export async function checkPdfTarget(options: PdfTargetOptions): Promise<string> {
  const target = await resolveOutputPath({out: options.out, content: options.content, kind: 'file'})
  const info = await stat(target).catch(() => undefined)
  if (!info) return target
  const refuse = (why: string, hint: string) => {
    throw new CliError(`Refusing to write the PDF to ${target}: ${why}`, {exitCode: ExitCode.usage, hint})
  }
  if (info.isDirectory()) refuse('it is a folder', 'Name a file, such as `--out kaart.pdf`.')
  if (!info.isFile()) refuse('it is not a regular file', 'Name a file, such as `--out kaart.pdf`.')
  if (!options.force && !(await isKenniskaartPdf(target, info.size))) {
    refuse('the file exists and is not a PDF written by kenniskaart', 'Name another file, or pass `--force` to replace it.')
  }
  return target
}

/** PDFs kenniskaart writes are far smaller; a larger file is never read whole. */
const maxPdfBytes = 256 * 1024 * 1024

/**
 * True when the file is a PDF whose document information names kenniskaart
 * as its producer (`finishPdf` writes "kenniskaart (Chromium, pdf-lib)").
 */
export async function isKenniskaartPdf(file: string, size: number): Promise<boolean> {
  if (size > maxPdfBytes) return false
  const handle = await open(file, 'r')
  const head = Buffer.alloc(5)
  try {
    await handle.read(head, 0, 5, 0)
  } finally {
    await handle.close()
  }
  if (head.toString('latin1') !== '%PDF-') return false
  try {
    const document = await PDFDocument.load(await readFile(file), {updateMetadata: false, ignoreEncryption: true})
    return document.getProducer()?.startsWith('kenniskaart') ?? false
  } catch {
    return false
  }
}

/**
 * Write a PDF atomically: to a temporary file beside the target, renamed
 * over it when complete. Stale temporary files of killed runs are removed first.
 */
export async function writePdfFile(target: string, contents: string | Uint8Array, writes: OutputWrites = processWrites): Promise<void> {
  await writes.run(async () => {
    const temporary = leftoverPath(target, 'tmp')
    try {
      await mkdir(path.dirname(target), {recursive: true})
      await recoverLeftovers(target)
      await writeFile(temporary, contents)
      writes.checkNotStopped()
      await rename(temporary, target)
    } catch (error) {
      await rm(temporary, {force: true})
      if (error instanceof WriteInterrupted) throw error
      throw new CliError(`Cannot write ${target}: ${(error as Error).message}`, {hint: 'Check that the folder is writable.', cause: error})
    }
  })
}
