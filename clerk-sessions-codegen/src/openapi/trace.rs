//! Where a problem the generator finds in derived typing comes from: the
//! operation or type of the OpenAPI document it was derived from.

use super::{Documents, locate};
use crate::diagnostics::{Diagnostic, Diagnostics};

impl Documents {
    /// Moves the generator's problems with a typing derived from `document`
    /// to where their operation or type is in the document (its file, line,
    /// JSON pointer and snippet), naming the typing path in the message.
    pub(crate) fn trace(
        &self,
        problems: &mut Diagnostics,
        document: &str,
        sources: &[(String, String)],
    ) {
        let Some(doc) = self.docs.iter().find(|d| d.name == document) else {
            return;
        };
        problems.for_each_mut(|d| {
            let within = |path: &str| {
                d.yaml_path == path
                    || d.yaml_path
                        .strip_prefix(path)
                        .is_some_and(|rest| rest.starts_with('.'))
            };
            let Some((_, pointer)) = sources
                .iter()
                .filter(|(path, _)| within(path))
                .max_by_key(|(path, _)| path.len())
            else {
                return;
            };
            let lines = doc.lines();
            let mut pos = locate::pointer(&lines, pointer);
            pos.byte = pos.byte.or_else(|| lines.byte_of(pos));
            let moved = Diagnostic::new(
                d.severity,
                (&doc.file, &doc.text),
                pos,
                pointer,
                format!(
                    "{} (in the typing derived from here: `{}`)",
                    d.message, d.yaml_path
                ),
                d.help.as_deref().unwrap_or(""),
            );
            *d = moved;
        });
    }
}
