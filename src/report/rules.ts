/**
 * Every finding has a stable rule id: CI filters and editors search on them,
 * so they never change meaning once published.
 */
export const rules = {
  'yaml-syntax': 'The frontmatter is not valid YAML.',
  'frontmatter-missing': 'A card or theme file has no frontmatter block.',
  'frontmatter-invalid': 'A frontmatter value has the wrong type or form.',
  'frontmatter-required': 'A required frontmatter key is missing.',
  'frontmatter-unknown-key': 'A frontmatter key is not part of the content format.',
  'citation-unknown': 'A citation names a source id the card does not list.',
  'source-duplicate': 'Two sources share one id.',
  'source-uncited': 'A source is listed but never cited, and not marked `uncited: true`.',
  'theme-missing': 'The card lists a theme that has no file.',
  'theme-unlisted': 'A theme file is not in the card\'s `themes` list.',
  'theme-duplicate': 'Two theme files have the same slug, or `themes` lists a slug twice.',
  'theme-slug-invalid': 'A theme file\'s name does not give a valid slug (lowercase letters, digits and dashes).',
  'card-empty': 'A card has no themes to show.',
  'card-missing-index': 'A card folder has no index.md.',
  'content-empty': 'The content folder holds no cards.',
  'link-theme-unknown': 'A link points at a theme file that does not exist.',
  'link-heading-unknown': 'A link points at a heading that does not exist.',
  'image-missing': 'An image file does not exist.',
  'image-outside-card': 'An image path leaves the card folder.',
  'image-alt-missing': 'An image has no alt text.',
  'heading-level-skipped': 'A heading skips a level.',
  'color-contrast': 'A theme colour does not reach WCAG AA contrast with its text.',
  'markdown-too-deep': 'The Markdown nests so deeply (quotes, lists, HTML elements) that it cannot be processed.',
  'directive-unknown': 'A directive (`::name`) is not one kenniskaart knows.',
  'handout-theme-unknown': 'A handout names a theme the card does not have.',
  'handout-duplicate': 'Two handouts share one slug.',
  'html-removed': 'Raw HTML that is not allowed was removed.',
  'link-unsafe': 'A Markdown link or image URL uses a scheme that is not allowed (`javascript:`, `data:`, …) and was removed.',
  'file-encoding': 'A file is not valid UTF-8 text.',
  'file-empty': 'A content file is empty.',
  'file-too-large': 'A content file is larger than the limit.',
  'file-outside-content': 'A symbolic link leads outside the content folder.',
  'file-unreadable': 'A content file cannot be read: not a regular file, a broken link, or no permission.',
  'pdf-request-blocked': 'While printing, a request for something outside the build was blocked.',
  'table-too-large': 'A table has more cells (rows times its widest row) than the limit of 10,000.',
  'heading-too-long': 'A heading is longer than the limit of 300 characters.'
} as const

export type RuleId = keyof typeof rules
