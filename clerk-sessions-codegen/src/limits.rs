//! Bounds on what the generator reads, so that no input (a huge file, a YAML
//! "billion laughs", a file with a million mistakes) can make it run for long
//! or use much memory. Each limit is far above any real file: Clerk's largest
//! capability file is 31 KB, the Sessions typing file 10 KB, and typing files
//! derived from OpenAPI documents may reach a few hundred KB.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// The largest spec or typing file read, in bytes (8 MiB). A larger file is
/// refused with a diagnostic before it is parsed.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// At most this many YAML nodes (mappings, lists and scalars), counting every
/// node an alias (`*name`) repeats.
pub(crate) const MAX_YAML_NODES: usize = 1_000_000;

/// At most this many bytes of scalar text, counting what aliases repeat.
pub(crate) const MAX_YAML_SCALAR_BYTES: usize = 2 * MAX_FILE_BYTES;

/// At most this many events replayed by aliases in all (an alias of a list
/// of ten scalars replays twelve).
pub(crate) const MAX_ALIAS_REPLAYED_EVENTS: usize = 100_000;

/// At most this many aliases.
pub(crate) const MAX_ALIASES: usize = 10_000;

/// At most this many nested mappings and lists.
pub(crate) const MAX_YAML_DEPTH: usize = 64;

/// At most this many diagnostics are printed; the others are counted
/// ("and 12 more"). All of them stay in [`Diagnostics`].
pub(crate) const MAX_PRINTED_DIAGNOSTICS: usize = 50;

/// The diagnostic for a file above [`MAX_FILE_BYTES`].
pub(crate) fn too_large(file: &str) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(Diagnostic::file_level(
        Severity::Error,
        file,
        format!(
            "the file is larger than {} MiB, the most this generator reads",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        "capability and typing files are far smaller (Clerk's largest is 31 KB): check that this is the right file",
    ));
    diagnostics
}
