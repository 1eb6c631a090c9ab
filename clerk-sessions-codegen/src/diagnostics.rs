//! Problems found in a spec, each with where it is and how to fix it.
//!
//! Lowering pushes every problem into one [`Diagnostics`] sink and goes on, so a
//! user sees all of them at once, rendered the way rustc renders its errors.

use std::fmt;

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
    /// The source line, for display.
    pub(crate) source_line: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "{pad}--> {}:{}:{}", self.file, self.line, self.column)?;
        if let Some(source) = &self.source_line {
            let caret_at = usize::try_from(self.column.saturating_sub(1)).unwrap_or(0);
            let (shown, caret_at) = window(source, caret_at);
            let prefix: String = shown
                .chars()
                .take(caret_at)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            // Underline the value at the position, up to the end of the line.
            let rest: String = shown.chars().skip(caret_at).collect();
            let width = rest.trim_end().chars().count().max(1);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            writeln!(f, "{pad} | {prefix}{}", "^".repeat(width))?;
        }
        if !self.yaml_path.is_empty() {
            writeln!(f, "{pad} = at: {}", self.yaml_path)?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// At most this many characters of a source line are shown.
const MAX_SHOWN: usize = 100;

/// The part of a long source line around `caret_at` (a char index), with `...`
/// where it was cut, and the caret's index in it.
fn window(source: &str, caret_at: usize) -> (String, usize) {
    let chars: Vec<char> = source.chars().collect();
    if chars.len() <= MAX_SHOWN {
        return (source.to_owned(), caret_at.min(chars.len()));
    }
    let caret_at = caret_at.min(chars.len());
    let start = caret_at.saturating_sub(MAX_SHOWN / 4);
    let end = (start + MAX_SHOWN).min(chars.len());
    let mut shown = String::new();
    let mut caret = caret_at - start;
    if start > 0 {
        shown.push_str("...");
        caret += 3;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown, caret)
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
    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        match (errors, warnings) {
            (0, 0) => Ok(()),
            (0, w) => writeln!(f, "warning: {w} warning{} emitted", plural(w)),
            (e, 0) => writeln!(
                f,
                "error: could not generate the client: {e} error{}",
                plural(e)
            ),
            (e, w) => writeln!(
                f,
                "error: could not generate the client: {e} error{}; {w} warning{} emitted",
                plural(e),
                plural(w)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Builds diagnostics for one source file.
pub(crate) struct Sink<'a> {
    file: &'a str,
    source: &'a str,
    pub(crate) diagnostics: Diagnostics,
}

/// A position in the source: line and column, both 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pos {
    pub(crate) line: u64,
    pub(crate) column: u64,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(file: &'a str, source: &'a str) -> Self {
        Sink {
            file,
            source,
            diagnostics: Diagnostics::default(),
        }
    }

    pub(crate) fn error(&mut self, pos: Pos, yaml_path: &str, message: String, help: &str) {
        self.report(Severity::Error, pos, yaml_path, message, help);
    }

    pub(crate) fn warning(&mut self, pos: Pos, yaml_path: &str, message: String, help: &str) {
        self.report(Severity::Warning, pos, yaml_path, message, help);
    }

    fn report(
        &mut self,
        severity: Severity,
        pos: Pos,
        yaml_path: &str,
        message: String,
        help: &str,
    ) {
        let source_line = usize::try_from(pos.line)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.source.lines().nth(i))
            .map(|l| l.trim_end().to_owned());
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.to_owned(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            yaml_path: yaml_path.to_owned(),
            message,
            help: (!help.is_empty()).then(|| help.to_owned()),
            source_line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        assert_eq!(window("short", 2), ("short".to_owned(), 2));
        let long = "x".repeat(1000);
        let (shown, caret) = window(&long, 500);
        assert!(
            shown.starts_with("...") && shown.ends_with("..."),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), 106);
        assert_eq!(caret, 28);
        let (shown, caret) = window(&long, 3);
        assert!(!shown.starts_with("...") && shown.ends_with("..."));
        assert_eq!(caret, 3);
    }
}
