import {createRequire} from 'node:module'
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import {CliError, ExitCode} from './errors.js'
import {commandInterruptHandler} from './interrupt-handler.js'
import {escapeTerminal} from './report/escape-terminal.js'
import {parseShard} from './site/shard.js'

const {version} = createRequire(import.meta.url)('../package.json') as {version: string}

const formatOption = () =>
  new Option('--format <format>', 'how findings are printed').choices(['text', 'json', 'github']).default('text')

const maxTimerMs = 2 ** 31 - 1

const timeoutOption = () =>
  new Option('--pdf-timeout <seconds>', 'time limit for printing one PDF (default: 30 s + 5 s per theme + 2 s per MB printed)').argParser((value) => {
    const seconds = Number(value)
    // A timer holds at most 2^31-1 ms (about 24.8 days); a longer one fires at once
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds * 1000 > maxTimerMs) {
      throw new InvalidArgumentError(`give a number of seconds from 0.001 to ${Math.floor(maxTimerMs / 1000)}, such as 120`)
    }
    return seconds
  })

const browserOption = () =>
  new Option('--browser <path>', 'Chrome, Chromium or Edge to print with, or its macOS .app (default: found automatically)').argParser((value) => {
    // An empty path is a mistake (an unset variable), not a request to look for a browser
    if (!value.trim()) throw new InvalidArgumentError('give the path of a Chrome, Chromium or Edge program, or leave the option out')
    return value
  })

const threadsOption = () =>
  new Option('--threads <count>', 'threads for the Markdown work, 1 for none besides the main one (default: one per core from 8 cards on)').argParser((value) => {
    const count = Number(value)
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new InvalidArgumentError('give a whole number from 1 to 64, such as 2')
    return count
  })

/** `--theme`: the visual theme for this run, instead of each card's `theme:`. */
const visualThemeOption = () => new Option('--theme <name>', 'visual theme for this run instead of the card\'s `theme:` (kenniskaart, handout, or a folder in themes/)')

const themesOption = () =>
  new Option('-t, --themes <slugs>', 'comma-separated theme slugs for a handout (default: the whole card)').argParser((value) => {
    if (!value.split(',').some((slug) => slug.trim())) throw new InvalidArgumentError('give one or more theme slugs, separated by commas, such as voorlezen,leesmotivatie')
    return value
  })

/** `--size`: A4 or A5 in any case, as the print settings spell it. */
function pageSize(value: string): 'A4' | 'A5' {
  const size = value.trim().toUpperCase()
  if (size !== 'A4' && size !== 'A5') throw new InvalidArgumentError('give A4 or A5, such as a5')
  return size
}

/** `--handout`: a slug, not an empty word (an unset variable). */
function handoutSlug(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError('give the slug of a handout under `handouts:` in the card\'s index.md')
  return value.trim()
}

/** `--title`: a handout's title on one line, within the limit of a title in the frontmatter (`textLimits.title`). */
function pdfTitle(value: string): string {
  const title = value.replace(/\s+/g, ' ').trim()
  if (!title) throw new InvalidArgumentError('give a title, such as "Samen lezen in de klas"')
  if (title.length > 200) throw new InvalidArgumentError('a title is at most 200 characters')
  return title
}

const portOption = () =>
  new Option('-p, --port <port>', 'the port to listen on, 0 for any free one (default: 4321, or the next free one)').argParser((value) => {
    const port = Number(value)
    if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('give a port number from 0 to 65535, such as 4321')
    return port
  })

/** `--shard i/n`: the share of the cards one CI job builds. */
const shardOption = () =>
  new Option('--shard <i/n>', 'build only shard i of n of the cards (by folder name), for `kenniskaart merge` to join').argParser((value) => {
    try {
      return parseShard(value)
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message)
    }
  })
/** `--base` and `--site-url` of `build` and `merge`: their values are checked together by `parseSiteAddress` (src/site/address.ts). */
const baseOption = () => new Option('--base <path>', 'the path the site is served under, such as /kennis/, for what needs absolute paths (the 404 page); links stay relative (default: the path of --site-url, else /)')
const siteUrlOption = () => new Option('--site-url <url>', 'the site\'s public address, such as https://org.github.io/kennis/: adds canonical URLs, share tags, sitemap.xml and robots.txt')

const quietOption = () => new Option('-q, --quiet', 'print no progress and no summary, only the findings').conflicts('verbose')

const verboseOption = () => new Option('--verbose', 'also print how long each stage took, cache hits and the browser used')

/** Build the command-line program; each command loads its module only when run. */
export function createProgram(): Command {
  const program = new Command('kenniskaart')
    .description('Turn Markdown cards into a kenniskaart: a static website and print-ready PDFs.')
    .version(version, '-v, --version', 'print the version')
    .option('--debug', 'print stack traces of unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()

  program
    .command('build')
    .description('check the content and build the website (and PDFs) into the output folder')
    .option('-c, --content <dir>', 'content folder, one folder per card', 'content')
    .option('-o, --out <dir>', 'output folder, replaced as a whole when the build succeeds', 'dist')
    .addOption(new Option('--card <slug>', 'build only this card').conflicts('shard'))
    .addOption(shardOption())
    .option('--no-pdf', 'build the website only, without PDFs')
    .option('--no-search', 'leave out the search index (and the search box)')
    .addOption(visualThemeOption())
    .addOption(browserOption())
    .addOption(timeoutOption())
    .addOption(baseOption())
    .addOption(siteUrlOption())
    .option('--force', 'replace an output folder that kenniskaart did not make', false)
    .option('--cache-dir <dir>', 'keep results of earlier builds here (default: node_modules/.cache/kenniskaart of the project)')
    .option('--no-cache', 'build everything anew, without reading or writing the cache')
    .addOption(threadsOption())
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors', false)
    .addOption(quietOption())
    .addOption(verboseOption())
    .exitOverride()
    .action(async (options) => {
      const {buildCommand} = await import('./commands/build.js')
      process.exitCode = await buildCommand(options)
    })

  program
    .command('merge')
    .description('join the outputs of `build --shard i/n` into one site, making the index page, sitemap and search index again')
    .argument('<dirs...>', 'the output folders of all n shards')
    .requiredOption('-o, --out <dir>', 'output folder for the joined site, replaced as a whole')
    .option('--force', 'replace an output folder that kenniskaart did not make', false)
    .addOption(quietOption())
    .exitOverride()
    .action(async (dirs: string[], options) => {
      const {mergeCommand} = await import('./commands/merge.js')
      process.exitCode = await mergeCommand(dirs, options)
    })

  program
    .command('pdf')
    .description('print one card, or a handout of some of its themes, to a PDF')
    .argument('<card>', 'the card\'s folder name')
    .option('-c, --content <dir>', 'content folder, one folder per card', 'content')
    .addOption(themesOption())
    .addOption(new Option('--handout <slug>', 'print a handout named in the card\'s `handouts:`').conflicts('themes').argParser(handoutSlug))
    .addOption(new Option('--title <title>', 'the title of a handout chosen with --themes (default: its themes\' titles)').conflicts('handout').argParser(pdfTitle))
    .addOption(new Option('-s, --size <size>', 'paper size, A4 or A5 (default: the handout\'s size, else A4; A5 with --booklet)').argParser(pageSize))
    .option('--booklet', 'impose the A5 pages two-up on A4 landscape sheets, to print duplex (flip on short edge), fold and staple')
    .addOption(visualThemeOption())
    .option('-o, --out <file>', 'the PDF file to write (default: <card>[-<handout or themes>][-booklet].pdf)')
    .option('--force', 'replace an existing file that is not a PDF kenniskaart wrote', false)
    .addOption(browserOption())
    .addOption(timeoutOption())
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors', false)
    .addOption(quietOption())
    .addOption(verboseOption())
    .exitOverride()
    .action(async (card, options) => {
      const {pdfCommand} = await import('./commands/pdf.js')
      process.exitCode = await pdfCommand(card, options)
    })

  program
    .command('check')
    .description('read and check the content; write nothing')
    .option('-c, --content <dir>', 'content folder, one folder per card', 'content')
    .option('--card <slug>', 'check only this card')
    .addOption(formatOption())
    .option('--strict', 'exit with 1 on warnings too', false)
    .option('-q, --quiet', 'print no summary, only the findings')
    .exitOverride()
    .action(async (options) => {
      const {checkCommand} = await import('./commands/check.js')
      process.exitCode = await checkCommand(options)
    })

  program
    .command('dev')
    .description('serve the site with live reload and a print preview, rebuilding as the content changes')
    .option('-c, --content <dir>', 'content folder, one folder per card', 'content')
    .addOption(portOption())
    .option('--host <host>', 'the address to listen on; other than loopback, anyone who can reach this machine sees the preview', '127.0.0.1')
    .option('--open', 'open the site in the default browser')
    .addOption(browserOption())
    .addOption(timeoutOption())
    .exitOverride()
    .action(async (options) => {
      const {devCommand} = await import('./commands/dev.js')
      process.exitCode = await devCommand(options)
    })

  program
    .command('init')
    .description('make a new project: an example card in content/, package.json, .gitignore and a README')
    .argument('[dir]', 'a new or empty folder (default: the current folder)')
    .exitOverride()
    .action(async (dir: string | undefined) => {
      const {initCommand} = await import('./commands/init.js')
      process.exitCode = await initCommand(dir)
    })

  const newCommand = program.command('new').description('start a new card or theme from a template').exitOverride()
  newCommand
    .command('card')
    .description('make a card folder: index.md with commented frontmatter, and a first theme')
    .argument('<slug>', 'the card\'s folder name: lowercase letters, digits and dashes')
    .option('-c, --content <dir>', 'content folder, one folder per card', 'content')
    .option('--title <title>', 'the card\'s title (default: made from the slug)')
    .exitOverride()
    .action(async (slug: string, options) => {
      const {newCardCommand} = await import('./commands/new.js')
      process.exitCode = await newCardCommand(slug, options)
    })
  newCommand
    .command('theme')
    .description('add the next numbered theme file to a card (and to its themes: list, if it has one)')
    .argument('<card>', 'the card\'s folder name')
    .argument('<slug>', 'the theme\'s slug: lowercase letters, digits and dashes')
    .option('-c, --content <dir>', 'content folder, one folder per card', 'content')
    .option('--title <title>', 'the theme\'s title (default: made from the slug)')
    .exitOverride()
    .action(async (card: string, slug: string, options) => {
      const {newThemeCommand} = await import('./commands/new.js')
      process.exitCode = await newThemeCommand(card, slug, options)
    })

  return program
}

/** Run the CLI: set the exit code, print problems as one clear message each. */
export async function run(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug')
  const onInterrupt = () => {
    const handler = commandInterruptHandler()
    if (handler) handler()
    else void interrupt()
  }
  process.once('SIGINT', onInterrupt)
  process.once('SIGTERM', onInterrupt)
  try {
    await createProgram().parseAsync(argv)
  } catch (error) {
    process.exitCode = handleError(error, debug)
  } finally {
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onInterrupt)
  }
}

function handleError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help, help and --version end with 0; a usage error, and no command at all (help on stderr), with 2
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
  }
  // A write stopped by Ctrl-C: the interrupt handler reports it and exits
  if (error instanceof Error && error.name === 'WriteInterrupted') return ExitCode.interrupted
  if (error instanceof CliError) {
    process.stderr.write(`kenniskaart: ${escapeTerminal(error.message)}\n`)
    if (error.hint) process.stderr.write(`hint: ${escapeTerminal(error.hint)}\n`)
    if (debug && error.cause instanceof Error) process.stderr.write(`${error.cause.stack}\n`)
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`kenniskaart: unexpected error: ${escapeTerminal(message)}\n`)
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  else process.stderr.write('hint: run again with --debug for the stack trace, and report it as a bug.\n')
  return ExitCode.internal
}

/**
 * Ctrl-C: leave no half-written output and no browser behind. A write in
 * progress stops at its next step and settles first: it rolls back to the
 * previous output, or, if the new output was already in place, keeps it.
 */
async function interrupt(): Promise<void> {
  const {processWrites} = await import('./output/output-writes.js')
  const {closeAllBrowsers} = await import('./pdf/open-browsers.js')
  const [output] = await Promise.all([processWrites.stop(), closeAllBrowsers()])
  process.stderr.write(output === 'replaced' ? '\nInterrupted: the new output was already complete and is in place.\n' : '\nInterrupted: the previous output is unchanged.\n')
  process.exit(ExitCode.interrupted)
}
