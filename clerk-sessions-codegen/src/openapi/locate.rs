//! Line and column of a JSON pointer in block-style YAML text, for
//! diagnostics. `openapiv3` keeps no positions, and reading the 740 KB
//! documents a second time with positions would cost as much as reading them
//! at all; this scans the text by indentation only for the (few) findings.
//! Where it cannot follow the pointer (flow style, block scalars), it gives
//! the deepest line it reached.

use super::node::unescape_pointer;
use crate::diagnostics::Pos;

/// A text with the offsets of its lines, so that line `n` is found at once.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: std::borrow::Cow<'a, [usize]>,
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            starts: starts(text).into(),
        }
    }

    /// `text` with offsets [`starts`] computed before.
    pub(crate) fn with(text: &'a str, starts: &'a [usize]) -> Lines<'a> {
        Lines {
            text,
            starts: starts.into(),
        }
    }

    /// The text.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset of `pos` (1-based line and column, the column
    /// counted in bytes, as [`pointer`] and [`text`] give it).
    pub(crate) fn byte_of(&self, pos: Pos) -> Option<usize> {
        let line = usize::try_from(pos.line).ok()?.checked_sub(1)?;
        let column = usize::try_from(pos.column).ok()?.checked_sub(1)?;
        let start = *self.starts.get(line)?;
        Some(start.saturating_add(column).min(self.text.len()))
    }

    /// The number of lines.
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// Line `i` (0-based), without its line break.
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        let start = *self.starts.get(i)?;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text.get(start..end.max(start))?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The byte offset of every line of `text`.
pub(crate) fn starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| i < text.len()),
        )
        .collect()
}

/// Where `pointer` (`#/paths/~1users/get`) is in the text.
pub(crate) fn pointer(lines: &Lines<'_>, pointer: &str) -> Pos {
    let segments: Vec<String> = pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(unescape_pointer)
        .collect();
    walk(lines, &segments)
}

/// The first line containing `needle`.
pub(crate) fn text(lines: &Lines<'_>, needle: &str) -> Option<Pos> {
    (0..lines.len()).find_map(|i| {
        lines
            .get(i)?
            .find(needle)
            .map(|col| Pos::at(i as u64 + 1, col as u64 + 1))
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn walk(lines: &Lines<'_>, segments: &[String]) -> Pos {
    let mut found = Pos::at(1, 1);
    // The lines of the current node, the indentation of its parent, and the
    // line whose `- ` opens it (its first entry sits on that line).
    let (mut start, mut end) = (0, lines.len());
    let mut parent: Option<usize> = None;
    let mut dash: Option<(usize, usize)> = None;
    for segment in segments {
        let view = |i: usize| -> Option<(usize, &str)> {
            let line = lines.get(i)?;
            let (indent, content) = match dash {
                Some((at, col)) if at == i => (col + 2, line.get(col + 2..).unwrap_or("")),
                _ => (indent_of(line), line.trim_start_matches(' ')),
            };
            (!content.is_empty() && !content.starts_with('#')).then_some((indent, content))
        };
        let Some(child) = (start..end).find_map(|i| view(i).map(|(indent, _)| indent)) else {
            break;
        };
        if parent.is_some_and(|p| child <= p) {
            break;
        }
        let is_seq = (start..end)
            .find_map(&view)
            .is_some_and(|(_, c)| c.starts_with('-'));
        let hit = if is_seq {
            let index: usize = match segment.parse() {
                Ok(index) => index,
                Err(_) => break,
            };
            (start..end)
                .filter(|&i| view(i).is_some_and(|(ind, c)| ind == child && c.starts_with('-')))
                .nth(index)
        } else {
            (start..end)
                .find(|&i| view(i).is_some_and(|(ind, c)| ind == child && is_key(c, segment)))
        };
        let Some(line) = hit else {
            break;
        };
        found = Pos::at(line as u64 + 1, child as u64 + 1);
        let next_end = (line + 1..end)
            .find(|&i| view(i).is_some_and(|(ind, _)| ind <= child))
            .unwrap_or(end);
        if is_seq {
            dash = Some((line, child));
            start = line;
        } else {
            dash = None;
            start = line + 1;
        }
        end = next_end;
        parent = Some(child);
    }
    found
}

/// Whether `content` starts with the key `key:` (plain or quoted).
fn is_key(content: &str, key: &str) -> bool {
    let rest = if let Some(rest) = content.strip_prefix(key) {
        rest
    } else if let Some(quoted) = content
        .strip_prefix('\'')
        .and_then(|c| c.strip_prefix(key))
        .and_then(|c| c.strip_prefix('\''))
    {
        quoted
    } else if let Some(quoted) = content
        .strip_prefix('"')
        .and_then(|c| c.strip_prefix(key))
        .and_then(|c| c.strip_prefix('"'))
    {
        quoted
    } else {
        return false;
    };
    rest.starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::{Lines, pointer};

    const DOC: &str = "\
openapi: 3.0.3
paths:
  /users/{id}:
    get:
      parameters:
        - name: a
          in: query
        - name: b
          schema:
            type: string
      responses:
        '200':
          description: ok
components:
  schemas:
    User:
      properties:
        name:
          type: string
";

    #[test]
    fn finds_keys_and_list_items() {
        let lines = Lines::new(DOC);
        let at = |p: &str| pointer(&lines, p).line;
        assert_eq!(at("#/paths/~1users~1{id}/get"), 4);
        assert_eq!(at("#/paths/~1users~1{id}/get/parameters/1/schema/type"), 10);
        assert_eq!(at("#/paths/~1users~1{id}/get/parameters/0/in"), 7);
        assert_eq!(
            at("#/paths/~1users~1{id}/get/responses/200/description"),
            13
        );
        assert_eq!(at("#/components/schemas/User/properties/name"), 18);
        // A pointer that goes nowhere stops at the deepest line found.
        assert_eq!(at("#/components/schemas/Nope"), 15);
    }
}
