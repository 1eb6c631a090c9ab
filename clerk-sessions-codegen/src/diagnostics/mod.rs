//! Problems found in a spec or its typing file, each with where it is and how
//! to fix it.
//!
//! Lowering pushes every problem into one [`Sink`] per file and goes on, so a
//! user sees all of them at once, rendered the way rustc renders its errors
//! (`render`). Each diagnostic keeps only a short window of its source line
//! (`snippet`), found without reading more of the file than that window, so
//! that a file with many problems (or very long lines) is reported in time
//! proportional to the number of problems, not to their number times the size
//! of the file.

mod render;
mod snippet;

use std::cell::OnceCell;

pub(crate) use snippet::Snippet;

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on; the output is usable.
    Warning,
    /// Generation cannot produce correct code.
    Error,
}

/// One problem in a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as given to the generator.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
    /// Where in the document, e.g. `capability.consumes[0].resources[2].operations[0].method`.
    pub yaml_path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The part of the source line around the column, for display.
    pub(crate) snippet: Option<Snippet>,
    /// The setting that turns this error into a warning, if one does.
    pub(crate) waiver: Option<Waiver>,
}

/// An error the caller may accept by a setting of [`crate::Config`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Waiver {
    /// A plain-`http` `baseUri` to a host that is not a loopback address
    /// ([`crate::Config::allow_insecure_http`]).
    InsecureHttp,
}

impl Diagnostic {
    /// A problem at `pos` of the file `file` whose text is `source` (the
    /// snippet is the part of its line around `pos`, when `pos` has a byte
    /// offset in it).
    pub(crate) fn new(
        severity: Severity,
        (file, source): (&str, &str),
        pos: Pos,
        yaml_path: &str,
        message: String,
        help: &str,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            yaml_path: yaml_path.to_owned(),
            message,
            help: (!help.is_empty()).then(|| help.to_owned()),
            snippet: pos.byte.and_then(|at| Snippet::around(source, at)),
            waiver: None,
        }
    }

    /// A problem with a whole file, at its first line, without a snippet.
    pub(crate) fn file_level(
        severity: Severity,
        file: &str,
        message: String,
        help: &str,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line: 1,
            column: 1,
            yaml_path: String::new(),
            message,
            help: Some(help.to_owned()),
            snippet: None,
            waiver: None,
        }
    }
}

/// Every problem found in one generation, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// All diagnostics.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }
    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }
    /// Turns the errors that `waiver` accepts into warnings.
    pub(crate) fn waive(&mut self, waiver: Waiver) {
        for d in &mut self.items {
            if d.waiver == Some(waiver) {
                d.severity = Severity::Warning;
            }
        }
    }
    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    /// Changes each diagnostic in place.
    #[cfg(feature = "openapi")]
    pub(crate) fn for_each_mut(&mut self, f: impl FnMut(&mut Diagnostic)) {
        self.items.iter_mut().for_each(f);
    }
    /// Puts the diagnostics in file order (by line, then column), keeping the
    /// order of those at one position.
    pub(crate) fn sort_by_position(&mut self) {
        self.items.sort_by_key(|d| (d.line, d.column));
    }
}

/// A position in the source: line and column, both 1-based, and the byte
/// offset when the reader gave one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pos {
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) byte: Option<usize>,
}

impl Pos {
    /// The start of a file.
    pub(crate) const START: Pos = Pos {
        line: 1,
        column: 1,
        byte: Some(0),
    };

    /// A line and column, without a byte offset.
    #[cfg(feature = "openapi")]
    pub(crate) const fn at(line: u64, column: u64) -> Pos {
        Pos {
            line,
            column,
            byte: None,
        }
    }

    /// The position of a value the YAML reader located.
    pub(crate) fn of(loc: &crate::yaml::Location) -> Pos {
        Pos {
            line: loc.line(),
            column: loc.column(),
            byte: loc.byte_offset(),
        }
    }
}

/// Builds diagnostics for one source file.
pub(crate) struct Sink<'a> {
    file: &'a str,
    source: &'a str,
    /// Byte offsets of line starts, computed once, for positions without a
    /// byte offset.
    line_starts: OnceCell<Vec<usize>>,
    pub(crate) diagnostics: Diagnostics,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(file: &'a str, source: &'a str) -> Self {
        Sink {
            file,
            source,
            line_starts: OnceCell::new(),
            diagnostics: Diagnostics::default(),
        }
    }

    /// The file, as given to the generator.
    pub(crate) fn file(&self) -> &'a str {
        self.file
    }

    pub(crate) fn error(&mut self, pos: Pos, yaml_path: &str, message: String, help: &str) {
        self.report(Severity::Error, pos, yaml_path, message, help);
    }

    pub(crate) fn warning(&mut self, pos: Pos, yaml_path: &str, message: String, help: &str) {
        self.report(Severity::Warning, pos, yaml_path, message, help);
    }

    /// An error that `waiver` turns into a warning when the caller allows it.
    pub(crate) fn waivable(
        &mut self,
        waiver: Waiver,
        pos: Pos,
        yaml_path: &str,
        message: String,
        help: &str,
    ) {
        self.report(Severity::Error, pos, yaml_path, message, help);
        if let Some(last) = self.diagnostics.items.last_mut() {
            last.waiver = Some(waiver);
        }
    }

    fn report(
        &mut self,
        severity: Severity,
        pos: Pos,
        yaml_path: &str,
        message: String,
        help: &str,
    ) {
        let pos = Pos {
            byte: self.byte_of(pos),
            ..pos
        };
        let diagnostic = Diagnostic::new(
            severity,
            (self.file, self.source),
            pos,
            yaml_path,
            message,
            help,
        );
        self.diagnostics.push(diagnostic);
    }

    /// The byte offset of `pos`: the reader's, or the line's start (from an
    /// index built once) plus the column.
    fn byte_of(&self, pos: Pos) -> Option<usize> {
        if let Some(byte) = pos.byte {
            return Some(byte);
        }
        let index = usize::try_from(pos.line).ok()?.checked_sub(1)?;
        let starts = self
            .line_starts
            .get_or_init(|| snippet::line_starts(self.source));
        let start = *starts.get(index)?;
        let column = usize::try_from(pos.column.saturating_sub(1)).unwrap_or(usize::MAX);
        Some(snippet::advance(self.source, start, column))
    }
}
