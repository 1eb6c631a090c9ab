//! How much of Clerk's surface the derived typing types, counted on the
//! model: for every capability file of `../shared/specs/clerk/` (the copy in
//! `tests/corpus/`), generated with typing derived from `openapi/`, the share
//! of operations whose `send()` yields something other than
//! `serde_json::Value` is at least 98% overall, and no request body is a bare
//! `serde_json::Value` where the document gives a schema. Per-API counts are
//! printed (`cargo test --test stats -- --nocapture`).

#![cfg(feature = "openapi")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use clerk_sessions_codegen::Config;
use clerk_sessions_codegen::model::{Body, Operation, Reply, TypeDefKind, TypeRef};

const DOCUMENTS: &[&str] = &[
    "backend-api-2026-05-12.yml",
    "frontend-api-2026-05-12.yml",
    "platform-api-beta.yml",
];

/// Typed operations, operations, and untyped bodies the document gives a schema for.
#[derive(Default)]
struct Count {
    typed: usize,
    total: usize,
    /// Operations whose `send()` yields `serde_json::Value`.
    untyped: Vec<String>,
    untyped_bodies: Vec<String>,
}

fn typed_output(op: &Operation) -> bool {
    op.reply != Reply::Json || op.response != TypeRef::Json
}

/// The API a capability file belongs to: `backend`, `frontend` or `platform`.
fn api_of(stem: &str) -> &str {
    stem.strip_prefix("clerk-")
        .and_then(|rest| rest.split('-').next())
        .unwrap_or(stem)
}

#[test]
fn almost_every_operation_is_typed_and_every_documented_body_is() {
    let mut config = Config::new();
    for document in DOCUMENTS {
        config.openapi(common::workspace_dir().join("openapi").join(document));
    }
    let mut counts: BTreeMap<String, Count> = BTreeMap::new();
    for spec in common::specs("corpus") {
        let stem = spec.file_stem().unwrap().to_str().unwrap().to_owned();
        let derived = config
            .derive(&spec)
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let typing: serde_json::Value = serde_saphyr::from_str(&derived.to_yaml()).unwrap();
        let generated = config
            .generate_derived(&spec, derived)
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let operations: Vec<&Operation> = generated
            .api
            .modules
            .iter()
            .flat_map(|m| &m.operations)
            .collect();
        // An empty struct decodes any object and keeps nothing of it: a
        // union lowered as one would lose every answer silently.
        for t in generated.api.modules.iter().flat_map(|m| &m.types) {
            if let TypeDefKind::Struct { fields } = &t.kind {
                assert!(
                    !fields.is_empty(),
                    "{stem}: `{}` is an empty struct",
                    t.ident.as_str()
                );
            }
        }
        if operations.is_empty() {
            continue;
        }
        let count = counts.entry(api_of(&stem).to_owned()).or_default();
        for op in operations {
            count.total += 1;
            if typed_output(op) {
                count.typed += 1;
            } else {
                count.untyped.push(format!("{stem}: {}", op.name));
            }
            let schema = &typing["operations"][&op.name]["body"]["schema"];
            if matches!(op.body, Some(Body::Untyped { .. })) && !schema.is_null() {
                count.untyped_bodies.push(format!("{stem}: {}", op.name));
            }
        }
    }
    let (mut typed, mut total) = (0, 0);
    for (api, count) in &counts {
        println!(
            "{api}: {}/{} operations typed; untyped: {:?}",
            count.typed, count.total, count.untyped
        );
        assert!(
            count.untyped_bodies.is_empty(),
            "{:?}",
            count.untyped_bodies
        );
        typed += count.typed;
        total += count.total;
    }
    println!("all: {typed}/{total} operations typed");
    assert_eq!(total, 252, "the 43 files hold 252 operations");
    assert!(typed * 100 >= total * 98, "{typed}/{total} typed");
}
