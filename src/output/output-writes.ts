/** Thrown inside a write that stops because the process was interrupted. */
export class WriteInterrupted extends Error {
  constructor() {
    super('The write was interrupted')
    this.name = 'WriteInterrupted'
  }
}

/** What an interrupt found: the output as before, or the new one complete. */
export type InterruptOutcome = 'unchanged' | 'replaced'

/**
 * The output writes of one process. An interrupt does not pull folders
 * away from under a running write: it asks the writes to stop at their
 * next step, and waits until each has either put its complete output in
 * place or rolled back to the previous one.
 */
export class OutputWrites {
  #stopping = false
  #replaced = false
  readonly #running = new Set<Promise<unknown>>()

  /** Run one write; it should call `checkNotStopped` between its steps. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    const running = write()
    this.#running.add(running)
    try {
      const result = await running
      this.#replaced = true
      return result
    } finally {
      this.#running.delete(running)
    }
  }

  /** Throw `WriteInterrupted` once a stop was asked for. */
  checkNotStopped(): void {
    if (this.#stopping) throw new WriteInterrupted()
  }

  get stopping(): boolean {
    return this.#stopping
  }

  /** Ask every write to stop, and wait until each has settled. */
  async stop(): Promise<InterruptOutcome> {
    this.#stopping = true
    await Promise.allSettled([...this.#running])
    return this.#replaced ? 'replaced' : 'unchanged'
  }
}

/** The writes of this process, which the Ctrl-C handler stops. */
export const processWrites = new OutputWrites()
