// The one place that lists what the Prism test does not cover yet, and why.
// Remove an entry when the generator handles it: the build script warns when
// a listed file starts to generate, and the test fails when a listed
// operation passes Prism's request validation.

/// Capability files (by stem) that do not generate typed code yet, with why.
/// Every other file of `clerk-sessions-codegen/tests/corpus/` is covered (the
/// workflow file `clerk-user-lifecycle` consumes no API: nothing to call).
#[rustfmt::skip]
pub const PENDING_FILES: &[(&str, &str)] = &[
];

/// Operations of covered files whose requests the generator does not send
/// as the document says yet: `(file stem, operation, why)`. Prism's request
/// violations for them are printed, not failures.
#[rustfmt::skip]
pub const PENDING_OPERATIONS: &[(&str, &str, &str)] = &[
];
