'use strict'
// Colour for what lavamoat prints to a terminal, so that the line to act on stands out from a
// code frame or a stack: the `lavamoat:` prefix by severity, `Hint:` lines, a code frame's
// marked line and underline. Only where the stream is a terminal, never when NO_COLOR is set
// (https://no-color.org): a file, a pipe or a CI log gets the text unchanged.

const ansi = {
  error: '\x1b[1;31m',
  warning: '\x1b[1;33m',
  note: '\x1b[2m',
  info: '\x1b[1m',
  hint: '\x1b[1;32m',
  underline: '\x1b[31m',
  reset: '\x1b[0m',
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
function usesColor(stream, env = process.env) {
  return Boolean(stream && stream.isTTY) && !env.NO_COLOR
}

/**
 * `text` coloured for `stream` when it is a terminal: each line's `lavamoat:` prefix as
 * `kind` ('error' | 'warning' | 'note' | 'info'), `Hint:`, and a code frame's `>` line and
 * `^^^` underline.
 */
function paint(text, kind, stream = process.stderr, env = process.env) {
  if (!usesColor(stream, env)) return text
  const style = (name, part) => `${ansi[name]}${part}${ansi.reset}`
  return String(text)
    .split('\n')
    .map((line) =>
      line
        .replace(/^lavamoat:/, (prefix) => style(kind, prefix))
        .replace(/^Hint:/, (prefix) => style('hint', prefix))
        .replace(/^> (\d+ \|)/, (_, gutter) => `${style('warning', '>')} ${gutter}`)
        .replace(/^(\s+\| +)(\^+)/, (_, gutter, carets) => `${gutter}${style('underline', carets)}`),
    )
    .join('\n')
}

module.exports = { usesColor, paint }
