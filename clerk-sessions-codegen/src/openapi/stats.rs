//! Counts of what a derivation produced, for reports and tests.

use std::collections::BTreeMap;

/// What one derivation (or several, [`Stats::add`]ed) produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Capability operations.
    pub operations: usize,
    /// Operations matched to a document operation and derived.
    pub derived: usize,
    /// Responses with a type (`response:` other than any JSON).
    pub typed_responses: usize,
    /// `x-response: empty` (204, or 2xx without content).
    pub empty_responses: usize,
    /// `x-response: text`.
    pub text_responses: usize,
    /// Of the typed responses, those that may also have no content (a 2xx
    /// with a body beside one without, a 204): `x-response: optional`.
    pub optional_responses: usize,
    /// `x-response: redirect`.
    pub redirect_responses: usize,
    /// Operations whose response stays `serde_json::Value`.
    pub untyped_responses: Vec<String>,
    /// Request bodies the capability and the document both have.
    pub bodies: usize,
    /// Of those, bodies with a schema (or `application/octet-stream`).
    pub typed_bodies: usize,
    /// Bodies left untyped although the document gives a schema.
    pub untyped_bodies: Vec<String>,
    /// Bodies whose document schema is free-form (any JSON by design).
    pub free_form_bodies: Vec<String>,
    /// Parameters the document has and the capability dropped.
    pub added_parameters: usize,
    /// Operations given `x-paginate`.
    pub paginated: usize,
    /// Unions tagged by a discriminator (the document's or an implicit one).
    pub tagged_unions: usize,
    /// Unions without a tag.
    pub untagged_unions: usize,
    /// Free-form schemas (`{}`, `type: object` alone): any JSON, as the document says.
    pub free_form: usize,
    /// Warnings, by kind.
    pub warnings: BTreeMap<String, usize>,
}

impl Stats {
    /// Adds another derivation's counts to these.
    pub fn add(&mut self, other: &Stats) {
        self.operations += other.operations;
        self.derived += other.derived;
        self.typed_responses += other.typed_responses;
        self.empty_responses += other.empty_responses;
        self.text_responses += other.text_responses;
        self.optional_responses += other.optional_responses;
        self.redirect_responses += other.redirect_responses;
        self.untyped_responses
            .extend(other.untyped_responses.iter().cloned());
        self.bodies += other.bodies;
        self.typed_bodies += other.typed_bodies;
        self.untyped_bodies
            .extend(other.untyped_bodies.iter().cloned());
        self.free_form_bodies
            .extend(other.free_form_bodies.iter().cloned());
        self.added_parameters += other.added_parameters;
        self.paginated += other.paginated;
        self.tagged_unions += other.tagged_unions;
        self.untagged_unions += other.untagged_unions;
        self.free_form += other.free_form;
        for (kind, n) in &other.warnings {
            *self.warnings.entry(kind.clone()).or_insert(0) += n;
        }
    }
}
