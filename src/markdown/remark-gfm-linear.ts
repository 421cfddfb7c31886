import type {Construct, Extension, TokenizeContext, Token} from 'micromark-util-types'
import remarkGfm, {type Options} from 'remark-gfm'
import type {Processor} from 'unified'

/*
 * remark-gfm with its autolink literals (`www.…`, `https://…`, `a@b.c`) kept
 * linear. Before it tokenizes a literal, micromark-extension-gfm-autolink-literal
 * (2.1.0) walks back through all events of the paragraph to see whether a link
 * label (`[` or `![`) is still open, as no literal may start inside one; it only
 * remembers the answer "none open". After one `[` that never closes, every later
 * word walks back to it: `[a, ` and 80 KB of words took 36 s.
 *
 * CommonMark's label end keeps the open label starts on a stack
 * (`_labelStarts`): a start is pushed when it is tokenized, marked `_balanced`
 * when a `]` finds no link, and popped when it makes a link (then its event is
 * gone). A start still open is exactly a `labelLink` or `labelImage` event that
 * is not `_balanced`, which is what the walk looks for. So the literal
 * constructs are wrapped: drop the balanced starts from the top of the stack, as
 * the label end does itself at the next `]`, and refuse at once when an open one
 * is left. Otherwise the original runs, and its walk ends at the mark the last
 * walk left: each event is walked at most once.
 */

interface LabelStartStack {
  _labelStarts?: Array<Token & {_balanced?: boolean}>
}

const literalNames = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink'])

function hasOpenLabel(context: TokenizeContext): boolean {
  const starts = (context as TokenizeContext & LabelStartStack)._labelStarts
  if (!starts) return false
  while (starts.length > 0 && starts[starts.length - 1]!._balanced) starts.pop()
  return starts.length > 0
}

const wrapped = new WeakMap<Construct, Construct>()

function linearLiteral(construct: Construct): Construct {
  let linear = wrapped.get(construct)
  if (!linear) {
    linear = {
      ...construct,
      tokenize(effects, ok, nok) {
        if (hasOpenLabel(this)) return nok
        return construct.tokenize.call(this, effects, ok, nok)
      }
    }
    wrapped.set(construct, linear)
  }
  return linear
}

function withLinearLiterals(extension: Extension): Extension {
  const text = extension.text
  if (!text) return extension
  const replaced: NonNullable<Extension['text']> = {}
  for (const [code, entry] of Object.entries(text)) {
    const list = Array.isArray(entry) ? entry : entry ? [entry] : []
    replaced[code as unknown as number] = list.map((construct) =>
      construct.name && literalNames.has(construct.name) ? linearLiteral(construct) : construct
    )
  }
  return {...extension, text: replaced}
}

/** remark-gfm, with autolink literals that never walk back past an open `[`. */
export default function remarkGfmLinear(this: Processor, options?: Options): void {
  remarkGfm.call(this, options)
  const extensions = this.data('micromarkExtensions') ?? []
  for (const [index, extension] of extensions.entries()) extensions[index] = withLinearLiterals(extension as Extension)
}
