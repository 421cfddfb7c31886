// Eleventy 3 for the benchmark: the same Markdown in, one HTML page per file out, in a trivial layout.
// Run by bench/run.js as `eleventy --config=bench/eleventy.config.js --input=<content> --output=<out>`.
// Markdown is not run through Liquid first (a card's text is no template), and the layout is a virtual
// template, so nothing is written into the content folder.
export default function (eleventyConfig) {
  eleventyConfig.addTemplate(
    '_includes/bench-page.liquid',
    '<!doctype html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body>\n<main>\n{{ content }}\n</main>\n</body>\n</html>\n'
  )
  eleventyConfig.addGlobalData('layout', 'bench-page.liquid')
  return {
    templateFormats: ['md'],
    markdownTemplateEngine: false
  }
}
