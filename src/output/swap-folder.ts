import {lstat, rename, rm} from 'node:fs/promises'
import {CliError} from '../errors.js'
import type {OutputWrites} from './output-writes.js'

/** The steps of a swap, in order; `restore-old` runs only when `move-new-in` failed. */
export type SwapStep = 'move-old-aside' | 'move-new-in' | 'restore-old' | 'remove-old'

export interface SwapOptions {
  /** The complete new folder. */
  staging: string
  /** The folder to replace; it need not exist. */
  target: string
  /** Where the previous folder waits between the two renames. */
  previous: string
  writes: OutputWrites
  /** Runs before each step; tests throw here, or interrupt, to prove each step safe. */
  beforeStep?: ((step: SwapStep) => void | Promise<void>) | undefined
}

/**
 * Put `staging` in the place of `target`. Node has no atomic exchange of
 * two folders, so this is two renames, and between them the previous
 * output waits at `previous`. An interrupt there, or a failure of the
 * second rename, moves it back: the swap ends with the complete old or the
 * complete new folder in place. Only a process killed outright between the
 * two renames leaves the old folder at `previous`, where the next build
 * finds and restores it (see `recoverLeftovers`).
 */
export async function swapFolder(options: SwapOptions): Promise<void> {
  const {staging, target, previous, writes} = options
  const step = async (name: SwapStep, action: () => Promise<void>) => {
    await options.beforeStep?.(name)
    await action()
  }
  writes.checkNotStopped()
  const hadPrevious = (await lstat(target).catch(() => undefined)) !== undefined
  if (hadPrevious) await step('move-old-aside', () => rename(target, previous))
  try {
    writes.checkNotStopped()
    await step('move-new-in', () => rename(staging, target))
  } catch (error) {
    if (hadPrevious) {
      await step('restore-old', () => rename(previous, target)).catch((restoreError: unknown) => {
        throw new CliError(`Cannot put the previous output back in ${target}: ${(restoreError as Error).message}`, {
          hint: `It is complete in ${previous}; the next build puts it back, or rename it yourself.`,
          cause: restoreError
        })
      })
    }
    throw error
  }
  // The new output is in place; an old folder that cannot be removed now is removed by the next build
  if (hadPrevious) await step('remove-old', () => rm(previous, {recursive: true, force: true})).catch(() => undefined)
}
