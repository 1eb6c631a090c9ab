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
    ("clerk-frontend-api-oauth2-identity-provider", "revokeOAuthToken", "its only security is HTTP Basic client credentials (`ClientCredentials`), which no generated client sends"),
    ("clerk-frontend-api-members", "UpdateOrganizationMembership", "the document requires a form body but none of its fields; the sample call sets no optional field, and Prism counts the empty form body as missing"),
    ("clerk-frontend-api-user", "removePassword", "the document requires a form body but none of its fields; the sample call sets no optional field, and Prism counts the empty form body as missing"),
];
