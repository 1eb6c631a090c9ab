//! Naming: the §4.1 vectors, the further rules, every name in the corpus, a
//! golden table of conversions (`UPDATE_GOLDEN=1` rewrites it) and properties.

mod support;

mod corpus_names;
mod properties;
mod rules;
mod scope;
