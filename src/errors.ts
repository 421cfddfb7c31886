/**
 * Exit codes of the `kenniskaart` command. Content problems and call
 * problems have their own codes so CI can tell them apart.
 */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The content has errors (or warnings, with --strict): each is printed with file, line and column. */
  contentErrors: 1,
  /** The call is wrong: an unknown command or option, a bad option value, no command at all. */
  usage: 2,
  /** No usable browser to print with: none found, not a program, no browser, or older than the minimum. */
  noBrowser: 3,
  /** The environment failed: a file or folder cannot be read or written, the browser stopped or timed out while printing. */
  environment: 4,
  /** An unexpected error: a bug (run with --debug and report it). */
  internal: 70,
  /** Interrupted (Ctrl-C or SIGTERM); the previous output is unchanged. */
  interrupted: 130
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * A problem in the environment or the call that stops the command: it is
 * printed as one message with a hint, never as a stack trace.
 */
export class CliError extends Error {
  readonly exitCode: ExitCodeValue
  readonly hint: string | undefined

  constructor(
    message: string,
    options: {exitCode?: ExitCodeValue; hint?: string; cause?: unknown} = {}
  ) {
    super(message, {cause: options.cause})
    this.name = 'CliError'
    this.exitCode = options.exitCode ?? ExitCode.environment
    this.hint = options.hint
  }
}
