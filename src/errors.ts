/**
 * Exit codes of the `kenniskaart` command. Content problems and call
 * problems have their own codes so CI can tell them apart.
 */
export const ExitCode = {
  ok: 0,
  contentErrors: 1,
  usage: 2,
  noBrowser: 3,
  environment: 4,
  internal: 70,
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
