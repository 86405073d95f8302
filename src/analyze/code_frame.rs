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
/// (`\n`, `\r\n`, `\r`, U+2028, U+2029). Checkpoints every few kilobytes keep UTF-16 counts,
/// so a location costs at most a few kilobytes of counting even on a megabyte-long line
/// (minified bundles); counting from the line start made many findings on one long line
/// quadratic.
pub struct LineIndex<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    checkpoints: Vec<Checkpoint>,
}

/// UTF-16 units before `offset`: since its line start, and since the start of the source.
#[derive(Clone, Copy)]
struct Checkpoint {
    offset: usize,
    line_units: usize,
    source_units: usize,
}

const CHECKPOINT_SPACING: usize = 4096;

/// UTF-16 units a UTF-8 byte starts: continuation bytes none, four-byte characters two.
fn utf16_units_of_byte(byte: u8) -> usize {
    match byte {
        0x80..=0xBF => 0,
        0xF0..=0xFF => 2,
        _ => 1,
    }
}

/// Neither a line terminator nor part of a multi-byte character: one UTF-16 unit.
fn is_plain(byte: u8) -> bool {
    byte < 0x80 && byte != b'\n' && byte != b'\r'
}

/// Where the run of plain bytes from `start` ends: eight bytes at a time while a word holds
/// no other byte, then byte by byte.
fn plain_run_end(bytes: &[u8], start: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGH != 0;
    let mut at = start;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if word & HIGH != 0
            || has_zero_byte(word ^ (ONES * u64::from(b'\n')))
            || has_zero_byte(word ^ (ONES * u64::from(b'\r')))
        {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&byte| !is_plain(byte))
        .map_or(bytes.len(), |run| at + run)
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> Self {
        let mut line_starts = vec![0];
        let mut checkpoints = Vec::new();
        let bytes = source.as_bytes();
        let (mut line_units, mut source_units) = (0, 0);
        let mut next_checkpoint = CHECKPOINT_SPACING;
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            if is_plain(byte) {
                // A run of plain bytes at once, with the checkpoints the byte-by-byte loop
                // below would place in it (each plain byte starts a character).
                let end = plain_run_end(bytes, i);
                while next_checkpoint < end {
                    let at = next_checkpoint.max(i);
                    checkpoints.push(Checkpoint {
                        offset: at,
                        line_units: line_units + (at - i),
                        source_units: source_units + (at - i),
                    });
                    next_checkpoint = at + CHECKPOINT_SPACING;
                }
                line_units += end - i;
                source_units += end - i;
                i = end;
                continue;
            }
            if i >= next_checkpoint && utf16_units_of_byte(byte) > 0 {
                checkpoints.push(Checkpoint {
                    offset: i,
                    line_units,
                    source_units,
                });
                next_checkpoint = i + CHECKPOINT_SPACING;
            }
            // Terminator length in bytes, or 0 inside a line. U+2028 and U+2029 are
            // E2 80 A8 / E2 80 A9 in UTF-8.
            let terminator = match byte {
                b'\n' => 1,
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                b'\r' => 1,
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    3
                }
                _ => 0,
            };
            if terminator == 0 {
                line_units += utf16_units_of_byte(byte);
                source_units += utf16_units_of_byte(byte);
                i += 1;
            } else {
                // "\r\n" is two units, the others one.
                source_units += if terminator == 2 { 2 } else { 1 };
                i += terminator;
                line_starts.push(i);
                line_units = 0;
            }
        }
        Self {
            source,
            line_starts,
            checkpoints,
        }
    }

    /// The location of a byte offset (clamped to the source length).
    pub fn location(&self, offset: u32) -> Location {
        let offset = (offset as usize).min(self.source.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let (from, units) = match self.checkpoint_before(offset) {
            Some(checkpoint) if checkpoint.offset >= line_start => {
                (checkpoint.offset, checkpoint.line_units)
            }
            _ => (line_start, 0),
        };
        let column = self
            .source
            .get(from..offset)
            .map_or(0, |prefix| units + utf16_len(prefix));
        Location {
            line: line_index + 1,
            column,
        }
    }

    /// UTF-16 units before a byte offset (JavaScript's string index of it).
    pub fn utf16_offset(&self, offset: u32) -> usize {
        let offset = (offset as usize).min(self.source.len());
        let (from, units) = self.checkpoint_before(offset).map_or((0, 0), |checkpoint| {
            (checkpoint.offset, checkpoint.source_units)
        });
        self.source
            .get(from..offset)
            .map_or(0, |prefix| units + utf16_len(prefix))
    }

    fn checkpoint_before(&self, offset: usize) -> Option<&Checkpoint> {
        let after = self
            .checkpoints
            .partition_point(|checkpoint| checkpoint.offset <= offset);
        after.checked_sub(1).map(|index| &self.checkpoints[index])
    }

    fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a line (1-based number) without its terminator.
    fn line_range(&self, number: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[number - 1];
        let end = self
            .line_starts
            .get(number)
            .copied()
            .unwrap_or(self.source.len());
        let line = &self.source[start..end];
        let text_len = ["\r\n", "\n", "\r", "\u{2028}", "\u{2029}"]
            .iter()
            .find_map(|terminator| line.strip_suffix(terminator))
            .unwrap_or(line)
            .len();
        start..start + text_len
    }

    /// A line's length in UTF-16 units, or 0 past the last line.
    fn line_len(&self, number: usize) -> usize {
        if number == 0 || number > self.line_count() {
            return 0;
        }
        self.location(self.line_range(number).end as u32).column
    }

    /// A frame for the node covering `span`, message after the last underline.
    pub fn code_frame(&self, span: Span, message: &str) -> String {
        render(self, span.start, span.end, message)
    }

    /// A frame for a single position (parser errors): one caret, or only the `>` gutter
    /// mark when the column is 0 — Babel's frame then omits the message as well.
    pub fn code_frame_at(&self, offset: u32, message: &str) -> String {
        render(self, offset, offset, message)
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

/// [`LineIndex::code_frame_at`] for a source without an index at hand.
pub fn code_frame_at(source: &str, offset: u32, message: &str) -> String {
    LineIndex::new(source).code_frame_at(offset, message)
}

/// Lines longer than this many bytes are shown as a window around the marked column
/// (Babel prints them whole: a finding in a minified bundle printed the whole bundle).
const LONG_LINE_BYTES: usize = 1000;
/// Bytes shown on each side of the marked column of a long line.
const LONG_LINE_CONTEXT: usize = 100;

/// The text of a frame line and its marker, in the window shown for long lines: the window
/// is around `anchor` (a byte offset in the line), cut sides are marked with `…`.
fn visible_line(
    index: &LineIndex<'_>,
    number: usize,
    anchor: usize,
    marker: Option<Marker>,
) -> (String, Option<Marker>) {
    let source = index.source;
    let range = index.line_range(number);
    if range.len() <= LONG_LINE_BYTES {
        return (source[range].to_string(), marker);
    }
    let floor = |mut at: usize| {
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let anchor = anchor.clamp(range.start, range.end);
    let start = floor(anchor.saturating_sub(LONG_LINE_CONTEXT).max(range.start));
    let end = floor((anchor + LONG_LINE_CONTEXT).min(range.end));
    let (cut_left, cut_right) = (start > range.start, end < range.end);
    let text = format!(
        "{}{}{}",
        if cut_left { "…" } else { "" },
        &source[start..end],
        if cut_right { "…" } else { "" }
    );
    let hidden_units = index.location(start as u32).column;
    let shown_units = utf16_len(&text);
    let marker = marker.map(|marker| match marker {
        Marker::Line => Marker::Line,
        Marker::Columns { column, count } => {
            let column = (column + usize::from(cut_left))
                .saturating_sub(hidden_units)
                .min(shown_units);
            Marker::Columns {
                column,
                count: count.min(shown_units + 1 - column.min(shown_units)),
            }
        }
    });
    (text, marker)
}

fn render(index: &LineIndex<'_>, start_offset: u32, end_offset: u32, message: &str) -> String {
    let start = index.location(start_offset);
    let end = index.location(end_offset);
    // Babel takes node columns (0-based) as if they were 1-based: the underline starts one
    // column early. Reproduced on purpose so the frames match the reference's.
    let markers = marker_lines(index, start, end);
    let first = start.line.saturating_sub(3);
    let last = (end.line + 3).min(index.line_count());
    let width = last.to_string().len();

    let mut frame = Vec::new();
    for number in first + 1..=last {
        let gutter = format!(" {number:>width$} |");
        let marker = markers.iter().find(|(n, _)| *n == number).map(|(_, m)| *m);
        let anchor = if number == start.line {
            start_offset as usize
        } else {
            0
        };
        let (line, marker) = visible_line(index, number, anchor, marker);
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        match marker {
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

fn marker_lines(index: &LineIndex<'_>, start: Location, end: Location) -> Vec<(usize, Marker)> {
    let line_len = |line_number: usize| index.line_len(line_number);
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
