//! The window of a source line a diagnostic shows, found by reading at most
//! a few hundred bytes around the position.

/// At most this many characters of a source line are shown.
const MAX_SHOWN: usize = 100;
/// Of which this many before the position, when the line is cut.
const BEFORE: usize = MAX_SHOWN / 4;
/// How far to look each way: enough to know whether the line fits.
const LOOK: usize = MAX_SHOWN + 1;

/// The shown part of a source line, with `...` where it was cut, and the
/// position's character index in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Snippet {
    pub(crate) text: String,
    pub(crate) caret: usize,
}

impl Snippet {
    /// The window around byte `at` of `source` (a line of at most
    /// [`MAX_SHOWN`] characters is shown whole, trailing spaces trimmed), or
    /// `None` when `at` is past the last line.
    pub(crate) fn around(source: &str, at: usize) -> Option<Snippet> {
        let at = floor_char_boundary(source, at.min(source.len()));
        if at == source.len() && (source.is_empty() || source.ends_with('\n')) {
            return None;
        }
        let before: Vec<char> = source[..at]
            .chars()
            .rev()
            .take_while(|c| *c != '\n')
            .take(LOOK)
            .collect();
        let after: Vec<char> = source[at..]
            .chars()
            .take_while(|c| *c != '\n')
            .take(LOOK)
            .collect();
        let starts_line = before.len() < LOOK;
        let ends_line = after.len() < LOOK;
        let mut line: Vec<char> = before.into_iter().rev().collect();
        let caret = line.len();
        line.extend(after);
        if ends_line {
            let kept = line.len() - trailing_space(&line);
            line.truncate(kept);
        }
        if starts_line && ends_line && line.len() <= MAX_SHOWN {
            let caret = caret.min(line.len());
            return Some(Snippet {
                text: line.into_iter().collect(),
                caret,
            });
        }
        Some(cut(&line, caret.min(line.len()), starts_line, ends_line))
    }
}

/// `line` (the characters read around the caret) cut to [`MAX_SHOWN`]
/// characters from [`BEFORE`] before the caret, with `...` on each side
/// where the line goes on.
fn cut(line: &[char], caret: usize, starts_line: bool, ends_line: bool) -> Snippet {
    let start = caret.saturating_sub(BEFORE);
    let end = (start + MAX_SHOWN).min(line.len());
    let mut text = String::new();
    let mut shown_caret = caret - start;
    if start > 0 || !starts_line {
        text.push_str("...");
        shown_caret += 3;
    }
    text.extend(&line[start..end]);
    if end < line.len() || !ends_line {
        text.push_str("...");
    }
    Snippet {
        text,
        caret: shown_caret,
    }
}

/// How many of the last characters of `line` are whitespace (as `str::trim_end`).
fn trailing_space(line: &[char]) -> usize {
    line.iter().rev().take_while(|c| c.is_whitespace()).count()
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte offsets at which the lines of `source` start (as `str::lines`
/// counts them: a final line break starts no line).
pub(crate) fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        source
            .match_indices('\n')
            .map(|(at, _)| at + 1)
            .filter(|at| *at < source.len()),
    );
    if source.is_empty() {
        starts.clear();
    }
    starts
}

/// The byte offset `chars` characters after `start`, stopping at the end of
/// the line.
pub(crate) fn advance(source: &str, start: usize, chars: usize) -> usize {
    let line = &source[start..];
    let rest = line
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(chars)
        .map_or_else(|| line.find('\n').unwrap_or(line.len()), |(at, _)| at);
    start + rest
}

#[cfg(test)]
mod tests {
    use super::Snippet;

    fn shown(source: &str, at: usize) -> (String, usize) {
        let s = Snippet::around(source, at).unwrap_or(Snippet {
            text: "<none>".into(),
            caret: 0,
        });
        (s.text, s.caret)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(shown("a: 1\nbb: 22  \nc", 7), ("bb: 22".to_owned(), 2));
        assert_eq!(shown("x", 0), ("x".to_owned(), 0));
        assert_eq!(shown("", 0).0, "<none>");
        assert_eq!(shown("a\n", 2).0, "<none>");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let long = "x".repeat(1000);
        let (text, caret) = shown(&long, 500);
        assert!(text.starts_with("...") && text.ends_with("..."), "{text}");
        assert_eq!(text.chars().count(), 106);
        assert_eq!(caret, 28);
        let (text, caret) = shown(&long, 3);
        assert!(!text.starts_with("...") && text.ends_with("..."));
        assert_eq!(caret, 3);
        // A line far longer than the window is read only around the caret.
        let huge = format!("{}\n", "é".repeat(5_000_000));
        let (text, caret) = shown(&huge, 2 * 4_000_000);
        assert_eq!((text.chars().count(), caret), (106, 28));
    }
}
