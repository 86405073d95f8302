//! Source positions as Babel reports them (1-based lines, 0-based UTF-16 columns) and a
//! code frame printed the way `@babel/code-frame` prints one without colours, because the
//! warnings users compare with the reference's are built from it.

use oxc_span::Span;

/// A position in Babel's convention: `line` counts from 1, `column` counts UTF-16 code units
/// from 0, `offset` is the byte offset in the UTF-8 source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets where each line starts; line terminators are the ECMAScript ones
/// (`\n`, `\r\n`, `\r`, U+2028, U+2029).
pub struct LineIndex<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> Self {
        let mut line_starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    i += 2;
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        Self {
            source,
            line_starts,
        }
    }

    /// The location of a byte offset (clamped to the source length).
    pub fn location(&self, offset: u32) -> Location {
        let offset = (offset as usize).min(self.source.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self
            .source
            .get(line_start..offset)
            .map_or(0, |prefix| prefix.encode_utf16().count());
        Location {
            line: line_index + 1,
            column,
        }
    }
}

/// Splits like `@babel/code-frame` does (`/\r\n|[\n\r\u2028\u2029]/`).
fn split_lines(source: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = source;
    loop {
        match rest.find(['\n', '\r', '\u{2028}', '\u{2029}']) {
            None => {
                lines.push(rest);
                return lines;
            }
            Some(at) => {
                lines.push(&rest[..at]);
                let terminator_len = if rest[at..].starts_with("\r\n") {
                    2
                } else {
                    rest[at..].chars().next().map_or(1, char::len_utf8)
                };
                rest = &rest[at + terminator_len..];
            }
        }
    }
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// How a line of the frame is marked.
#[derive(Clone, Copy)]
enum Marker {
    /// `>` in the gutter only.
    Line,
    /// `>` plus a line of `^` starting at the (1-based) column, this many carets.
    Columns { column: usize, count: usize },
}

/// A frame for the node covering `span`, message after the last underline.
pub fn code_frame(source: &str, span: Span, message: &str) -> String {
    let index = LineIndex::new(source);
    let start = index.location(span.start);
    let end = index.location(span.end);
    render(source, start, end, message)
}

/// A frame for a single position (parser errors): one caret, or only the `>` gutter mark
/// when the column is 0 — Babel's frame then omits the message as well.
pub fn code_frame_at(source: &str, offset: u32, message: &str) -> String {
    let at = LineIndex::new(source).location(offset);
    render(source, at, at, message)
}

fn render(source: &str, start: Location, end: Location, message: &str) -> String {
    let lines = split_lines(source);
    // Babel takes node columns (0-based) as if they were 1-based: the underline starts one
    // column early. Reproduced on purpose so the frames match the reference's.
    let markers = marker_lines(&lines, start, end);
    let first = start.line.saturating_sub(3);
    let last = (end.line + 3).min(lines.len());
    let width = last.to_string().len();

    let mut frame = Vec::new();
    for (number, line) in lines
        .iter()
        .enumerate()
        .take(last)
        .skip(first)
        .map(|(i, l)| (i + 1, l))
    {
        let gutter = format!(" {number:>width$} |");
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        match markers.iter().find(|(n, _)| *n == number).map(|(_, m)| *m) {
            None => frame.push(format!(" {gutter}{text}")),
            Some(marker) => {
                let mut out = format!(">{gutter}{text}");
                if let Marker::Columns { column, count } = marker {
                    let spacing: String = line
                        .encode_utf16()
                        .take(column.saturating_sub(1))
                        .map(|unit| if unit == u16::from(b'\t') { '\t' } else { ' ' })
                        .collect();
                    let blank_gutter: String = gutter
                        .chars()
                        .map(|c| if c.is_ascii_digit() { ' ' } else { c })
                        .collect();
                    out.push_str(&format!(
                        "\n {blank_gutter} {spacing}{}",
                        "^".repeat(count.max(1))
                    ));
                    let is_last_marked = !markers.iter().any(|(n, _)| *n == number + 1);
                    if is_last_marked && !message.is_empty() {
                        out.push(' ');
                        out.push_str(message);
                    }
                }
                frame.push(out);
            }
        }
    }
    frame.join("\n")
}

fn marker_lines(lines: &[&str], start: Location, end: Location) -> Vec<(usize, Marker)> {
    let line_len = |line_number: usize| {
        lines
            .get(line_number.wrapping_sub(1))
            .map_or(0, |l| utf16_len(l))
    };
    if end.line != start.line {
        let diff = end.line.saturating_sub(start.line);
        return (0..=diff)
            .map(|i| {
                let number = start.line + i;
                let marker = if start.column == 0 {
                    Marker::Line
                } else if i == 0 {
                    Marker::Columns {
                        column: start.column,
                        count: (line_len(number) + 1).saturating_sub(start.column),
                    }
                } else if i == diff {
                    Marker::Columns {
                        column: 0,
                        count: end.column,
                    }
                } else {
                    // Babel measures every middle line by the line after the first one.
                    Marker::Columns {
                        column: 0,
                        count: line_len(start.line + 1),
                    }
                };
                (number, marker)
            })
            .collect();
    }
    let marker = if start.column == end.column {
        if start.column == 0 {
            Marker::Line
        } else {
            Marker::Columns {
                column: start.column,
                count: 0,
            }
        }
    } else {
        Marker::Columns {
            column: start.column,
            count: end.column.saturating_sub(start.column),
        }
    };
    vec![(start.line, marker)]
}
