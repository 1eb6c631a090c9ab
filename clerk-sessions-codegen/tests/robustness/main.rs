//! Robustness: generated and mutated specs go through parse → lower → emit →
//! format without a panic. When generation succeeds, the output is valid Rust;
//! when it fails, it fails with diagnostics. 10,000 cases in all.
//!
//! Two sources: mutations of real capability files (lines deleted, duplicated,
//! swapped, re-indented, values replaced, hostile text inserted, the file cut
//! short), and specs built from random parts (names, locations, types,
//! methods, paths and descriptions drawn from pools of good and bad values).
//! No failure is persisted to disk; a failing case is shrunk and printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod built;
mod mutated;

use clerk_sessions_codegen::{Config, Error};

use built::build;
use mutated::{Mutation, mutate, seeds};

/// Cases per source: 6,000 mutations + 4,000 built specs.
const MUTATION_CASES: u32 = 6_000;
const BUILT_CASES: u32 = 4_000;

/// Generates and checks the invariants; returns whether code was generated.
fn generate(text: &str) -> bool {
    match Config::new().generate_str("fuzz.yaml", text, None) {
        Ok(generated) => {
            if let Err(e) = syn::parse_file(&generated.code) {
                panic!("generated code does not parse: {e}\n{}", generated.code);
            }
            assert!(!generated.diagnostics.has_errors());
            true
        }
        Err(Error::Spec(diagnostics)) => {
            assert!(
                diagnostics.has_errors(),
                "failed without an error:\n{diagnostics}"
            );
            // Rendering never panics either.
            let _ = diagnostics.to_string();
            false
        }
        Err(other) => panic!("unexpected error: {other}"),
    }
}

/// The sources are not degenerate: some cases generate code, some do not.
#[test]
fn both_sources_produce_valid_and_invalid_specs() {
    let seeds = seeds();
    let untouched = seeds.iter().filter(|s| generate(s)).count();
    assert_eq!(untouched, seeds.len(), "every seed generates as is");
    assert!(!generate(&mutate(&seeds[0], &[Mutation::Truncate(0)])));
    let good = build(
        0,
        0,
        &[(
            vec![1],
            true,
            vec![(0, Some(0), vec![(2, 0, 0, Some(true), 0)])],
        )],
    );
    assert!(generate(&good), "{good}");
}
