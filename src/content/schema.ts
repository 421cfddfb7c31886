import {z} from 'zod'
import {slugPattern} from './slug.js'

/** A theme or handout slug: lowercase words joined by dashes. */
const slugSchema = z
  .string()
  .regex(slugPattern, 'a slug is lowercase letters and digits joined by dashes, such as `begeleiding-starters`')

const hexColorSchema = z
  .string()
  .regex(/^#(?:[\da-f]{3}|[\da-f]{6})$/i, 'a colour is a CSS hex colour such as `#1f6f8b`')

const nonEmptyString = z.string().trim().min(1, 'this must not be empty')

/**
 * Limits of frontmatter texts, in characters: titles and labels go into page
 * headers, the PDF's running heads and outline; longer texts are prose.
 */
export const textLimits = {title: 200, summary: 1000, sourceText: 2000, tip: 2000, keyword: 100, contact: 300, id: 100} as const

const limitedString = (max: number) => nonEmptyString.max(max, `this is longer than the limit of ${max} characters`)
const title = limitedString(textLimits.title)

/** What a source id may be: citations name it. */
export const sourceIdPattern = /^[a-z][\w-]*$/i

/** One entry of the card's literature list; its number is its position. */
export const sourceSchema = z.strictObject({
  id: z
    .string()
    .max(textLimits.id, `a source id is at most ${textLimits.id} characters`)
    .regex(sourceIdPattern, 'a source id starts with a letter and holds letters, digits, `-` and `_`'),
  text: limitedString(textLimits.sourceText),
  url: z.url({protocol: /^https?$/, error: 'a source url is an absolute http(s) address'}).optional(),
  uncited: z.boolean().optional()
})

export const pageSizeSchema = z.enum(['A4', 'A5'])

/** A named handout: a few themes of the card as their own PDF. */
export const handoutSchema = z.strictObject({
  slug: slugSchema,
  title: title.optional(),
  themes: z.array(slugSchema).min(1, 'a handout names at least one theme'),
  size: pageSizeSchema.optional()
})

/**
 * The contact block: label → value, in the order written. A record drops a
 * `__proto__` key without a word (it would replace the prototype): here it
 * is an error at that key instead.
 */
const contactSchema = z.preprocess(
  (value, context) => {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
      context.addIssue({code: 'custom', message: 'a contact key cannot be `__proto__`', path: ['__proto__'], input: value})
    }
    return value
  },
  z.record(z.string(), z.union([z.string().max(textLimits.contact, `this is longer than the limit of ${textLimits.contact} characters`), z.number()]).transform(String))
)

/** Frontmatter of `content/<card>/index.md`. */
export const cardFrontmatterSchema = z.strictObject({
  title,
  /** The word above the title; by default the label `cardLabel` in the card's language ("Kenniskaart"). */
  label: title.optional(),
  publisher: title.optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[a-z\d]{2,8})*$/i, 'a language is a BCP 47 tag such as `nl` or `nl-BE`')
    .default('nl'),
  theme: slugSchema.default('kenniskaart'),
  description: limitedString(textLimits.summary).optional(),
  keywords: z.array(limitedString(textLimits.keyword)).optional(),
  themes: z.array(slugSchema).optional(),
  sources: z.array(sourceSchema).default([]),
  contact: contactSchema.optional(),
  handouts: z.array(handoutSchema).optional()
})

/** The TIPS box: a list of tips, optionally with its own sub-heading. */
export const tipsSchema = z.union([
  z.array(limitedString(textLimits.tip)),
  z.strictObject({heading: title.optional(), items: z.array(limitedString(textLimits.tip)).min(1)})
])

/** Frontmatter of a theme file `content/<card>/<nn-slug>.md`. */
export const themeFrontmatterSchema = z.strictObject({
  title,
  summary: limitedString(textLimits.summary),
  color: hexColorSchema.optional(),
  tips: tipsSchema.optional()
})

export type Source = z.infer<typeof sourceSchema>
export type Handout = z.infer<typeof handoutSchema>
export type PageSize = z.infer<typeof pageSizeSchema>
export type CardFrontmatter = z.infer<typeof cardFrontmatterSchema>
export type ThemeFrontmatter = z.infer<typeof themeFrontmatterSchema>
