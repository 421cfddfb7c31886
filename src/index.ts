/**
 * kenniskaart as a library: build the site (and PDFs) in memory, check
 * content, print a card or handout, and format the findings. See the
 * README's "Use as a library".
 *
 * @packageDocumentation
 */
export {build, type BuildOptions, type BuildResult, type BuiltCard, type BuiltPdf} from './library/build.js'
export {check, type CheckOptions, type CheckResult} from './library/check.js'
export {print, type PrintOptions, type PrintResult} from './library/print.js'
export type {PdfSettings} from './library/pdf-settings.js'
export type {Card, Theme, CardSource} from './card/model.js'
export {loadContent} from './content/load-content.js'
export {CliError} from './errors.js'
export type {OutputFile} from './output/output-file.js'
export {writeOutput} from './output/write-output.js'
export {collectFindings, formatFindings, type Finding, type FindingsFormat, type FormatOptions} from './report/findings.js'
