/**
 * What Ctrl-C (SIGINT, SIGTERM) does while a command runs. By default the
 * CLI stops any output write and browser and exits with 130; a command
 * that is stopped this way as a matter of course (the dev server) sets its
 * own while it runs.
 */
let commandHandler: (() => void) | undefined

/** Let the running command answer Ctrl-C itself; returns the undo. */
export function handleInterruptsInCommand(handler: () => void): () => void {
  commandHandler = handler
  return () => {
    if (commandHandler === handler) commandHandler = undefined
  }
}

/** The running command's own answer to Ctrl-C, if it has one. */
export function commandInterruptHandler(): (() => void) | undefined {
  return commandHandler
}
