// Turns the article body's textarea into django-prose-editor's rich-text editor.
// The editor is imported by its path rather than through an import map, which would be
// an inline script: the admin runs only the project's own files under its strict
// Content-Security-Policy. Without this module the field stays a textarea of HTML.
import * as prose from "../django_prose_editor/editor.js"

const CONFIG_ATTRIBUTE = "data-django-prose-editor-article"

// Bold and italic runs of a Google Docs paste: flat spans styled with font-weight and
// font-style.
const STYLED_RUN = /<span\b([^>]*)>([^<]*)<\/span>/gi
// Google Docs wraps a whole paste in <b style="font-weight:normal">, which is not bold.
const NOT_BOLD = /<b\b([^>]*font-weight:\s*(?:normal|400)[^>]*)>/gi
const STYLE_OR_SCRIPT = /<(style|script)\b[\s\S]*?<\/\1\s*>/gi
const STYLE_OR_HANDLER = /\s(?:style|on[a-z]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi

function markRun(match, attributes, text) {
  let run = text
  if (/font-style:\s*italic/i.test(attributes)) run = `<em>${run}</em>`
  if (/font-weight:\s*(?:bold|[6-9]00)/i.test(attributes)) run = `<strong>${run}</strong>`
  return run
}

// The browser parses pasted HTML under the page's policy, which refuses (and reports)
// every inline style and event handler a Word or Google Docs paste carries. So bold and
// italic are read from the styles here, in the text, and the styles are dropped before
// the editor parses the paste. The server sanitises whatever arrives regardless.
const PasteWithoutInlineStyles = prose.Extension.create({
  name: "pasteWithoutInlineStyles",
  addProseMirrorPlugins() {
    return [
      new prose.Plugin({
        props: {
          transformPastedHTML: (html) =>
            html
              .replace(STYLE_OR_SCRIPT, "")
              .replace(NOT_BOLD, "<span>")
              .replace(STYLED_RUN, markRun)
              .replace(STYLE_OR_HANDLER, ""),
        },
      }),
    ]
  },
})

// Tiptap adds its base rules as an inline <style>, which the policy refuses:
// css/article-editor.css carries them instead.
const StylesFromStaticFiles = prose.Extension.create({
  name: "stylesFromStaticFiles",
  onBeforeCreate() {
    this.editor.options.injectCSS = false
  },
})

function extensionsFrom(config) {
  return Object.entries(config.extensions).map(([name, options]) => {
    const extension = prose[name]
    if (!extension) throw new Error(`The editor has no extension named ${name}.`)
    return typeof options === "object" ? extension.configure(options) : extension
  })
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(CONFIG_ATTRIBUTE))
  return prose.createTextareaEditor(textarea, [
    ...extensionsFrom(config),
    StylesFromStaticFiles,
    PasteWithoutInlineStyles,
  ])
}

prose.initializeEditors(createEditor, `[${CONFIG_ATTRIBUTE}]`)
