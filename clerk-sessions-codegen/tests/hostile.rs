//! Hostile specs: descriptions, names and paths holding quotes, backticks,
//! `*/`, `"); evil(); //`, line breaks, control and bidi characters or
//! non-ASCII text yield code that does nothing extra. Every hostile text stays
//! inside a doc attribute or a string literal; the only identifiers are the
//! emitter's own vocabulary and the names the model derived. (The fixture is
//! also compiled, documented and clippy-checked in the `clerk-corpus` crate.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use clerk_sessions_codegen::{Config, Generated};
use proc_macro2::{TokenStream, TokenTree};

fn hostile() -> Generated {
    let spec = common::crate_dir().join("tests/hostile/hostile.yaml");
    Config::new()
        .generate(spec)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Every token of `stream`, depth first.
fn flatten(stream: TokenStream, out: &mut Vec<TokenTree>) {
    for tree in stream {
        if let TokenTree::Group(group) = &tree {
            out.push(tree.clone());
            flatten(group.stream(), out);
        } else {
            out.push(tree);
        }
    }
}

fn tokens(code: &str) -> Vec<TokenTree> {
    let mut out = Vec::new();
    flatten(code.parse::<TokenStream>().unwrap(), &mut out);
    out
}

fn idents(tokens: &[TokenTree]) -> BTreeSet<String> {
    tokens
        .iter()
        .filter_map(|t| match t {
            TokenTree::Ident(i) => Some(i.to_string().trim_start_matches("r#").to_owned()),
            _ => None,
        })
        .collect()
}

/// The names the model derived from the spec: all the spec may contribute.
fn derived(generated: &Generated) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in &generated.api.modules {
        out.insert(m.ident.as_str().to_owned());
        for op in &m.operations {
            out.insert(op.fn_ident.as_str().to_owned());
            out.insert(op.builder_ident.as_str().to_owned());
            out.insert(op.const_ident.as_str().to_owned());
            for p in op.path_params.iter().chain(&op.query).chain(&op.headers) {
                out.insert(p.ident.as_str().to_owned());
            }
        }
    }
    out
}

#[test]
fn hostile_text_adds_no_code() {
    let generated = hostile();
    let hostile_tokens = tokens(&generated.code);

    // The emitter's vocabulary: every identifier it writes for the real specs.
    let mut vocabulary = BTreeSet::new();
    for spec in common::specs("corpus")
        .iter()
        .chain(&common::specs("valid"))
    {
        let code = Config::new().generate(spec).unwrap().code;
        vocabulary.extend(idents(&tokens(&code)));
    }
    let allowed: BTreeSet<String> = vocabulary.union(&derived(&generated)).cloned().collect();
    let found = idents(&hostile_tokens);
    let extra: Vec<&String> = found.difference(&allowed).collect();
    assert!(extra.is_empty(), "identifiers from nowhere: {extra:?}");
    for word in ["exit", "process", "alert", "script", "deny", "warnings"] {
        assert!(
            !idents(&hostile_tokens).contains(word),
            "`{word}` escaped a literal"
        );
    }
    // `evil` is a parameter's derived name; it is never called.
    for pair in hostile_tokens.windows(2) {
        if let [TokenTree::Ident(i), TokenTree::Group(g)] = pair {
            assert!(
                !(i == "evil" && g.delimiter() == proc_macro2::Delimiter::Parenthesis),
                "a call to evil()"
            );
        }
    }
}

#[test]
fn hostile_text_stays_in_docs_and_expected_literals() {
    let generated = hostile();
    let mut expected = BTreeSet::new();
    for m in &generated.api.modules {
        expected.insert(m.base_url.as_str().to_owned());
        expected.insert(m.namespace.clone());
        for op in &m.operations {
            expected.insert(op.name.clone());
            expected.insert(op.path.raw.clone());
            for part in &op.path.parts {
                match part {
                    clerk_sessions_codegen::model::PathPart::Literal(text)
                    | clerk_sessions_codegen::model::PathPart::Placeholder(text) => {
                        expected.insert(text.clone())
                    }
                };
            }
            for p in op.path_params.iter().chain(&op.query).chain(&op.headers) {
                expected.insert(p.wire.clone());
            }
        }
    }
    // The emitter's own literal.
    expected.insert(
        "a request does nothing until it is sent: call `.send()` (and `.await` it on an async client)"
            .to_owned(),
    );
    let all = tokens(&generated.code);
    let mut docs = 0;
    for (i, tree) in all.iter().enumerate() {
        let TokenTree::Literal(lit) = tree else {
            continue;
        };
        let Ok(value) = syn::parse_str::<syn::LitStr>(&lit.to_string()).map(|l| l.value()) else {
            continue;
        };
        let is_doc = i >= 2
            && matches!(&all[i - 2], TokenTree::Ident(d) if d == "doc")
            && matches!(&all[i - 1], TokenTree::Punct(p) if p.as_char() == '=');
        if is_doc {
            docs += 1;
            assert!(!value.contains(['\n', '\r', '\u{202E}', '\0']), "{value:?}");
            continue;
        }
        if value.contains("evil") || value.contains('"') || value.contains('`') {
            assert!(expected.contains(&value), "unexpected literal {value:?}");
        }
    }
    assert!(docs > 20, "{docs} doc lines");
}

#[test]
fn hostile_spec_generates_exactly_the_client_items() {
    let generated = hostile();
    let file = syn::parse_file(&generated.code).unwrap();
    let [module] = generated.api.modules.as_slice() else {
        panic!()
    };
    // The runtime's and the prelude's `use`, BASE_URL, the `API` static,
    // `struct Client`, its constructors' `impl`, its `impl` for every mode, its
    // `Api` impl, then per operation: `impl Client`, the builder, its `impl`,
    // its static.
    assert_eq!(file.items.len(), 8 + 4 * module.operations.len());
    let fns: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    assert!(fns.is_empty(), "free functions: {fns:?}");
    assert!(!file.items.iter().any(|i| matches!(i, syn::Item::Macro(_))));
    assert!(
        file.attrs.is_empty(),
        "inner attributes: {:?}",
        file.attrs.len()
    );
}

#[test]
fn wire_names_are_kept_verbatim() {
    let generated = hostile();
    let op = &generated.api.modules[0].operations[0];
    let wires: Vec<&str> = op.query.iter().map(|p| p.wire.as_str()).collect();
    assert!(wires.contains(&"\"); evil(); //"), "{wires:?}");
    assert!(wires.contains(&"line\nbreak"), "{wires:?}");
    assert!(
        generated
            .code
            .contains(r#"request.query("\"); evil(); //", &self.evil);"#)
    );
}
