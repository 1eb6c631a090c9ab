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

mod common;

use std::fmt::Write as _;
use std::sync::OnceLock;

use clerk_sessions_codegen::{Config, Error};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

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

/// The smaller corpus files (mutating the large ones costs time, not coverage).
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut files: Vec<String> = common::specs("corpus")
            .iter()
            .chain(&common::specs("valid"))
            .chain(&common::specs("hostile"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .filter(|text| text.lines().count() <= 120)
            .collect();
        files.sort();
        assert!(files.len() >= 15, "{} seeds", files.len());
        files
    })
}

const VALUES: &[&str] = &[
    "''",
    "~",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "0",
    "-1",
    "1.5",
    "true",
    "false",
    "null",
    "GET",
    "get",
    "FETCH",
    "DELETE",
    "path",
    "query",
    "header",
    "body",
    "cookie",
    "environment",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "object",
    "file",
    "/x/{id}",
    "/x/{id",
    "/x/{}",
    "/{a}-{b}.xml",
    "x",
    "'*'",
    "'-'",
    "'_'",
    "type",
    "self",
    "Self",
    "crate",
    "2fa",
    "https://api.example.test",
    "http://",
    "'https://a.test/'",
    "\"\\\"); evil(); //\"",
    "\"*/ /* `\"",
    "\"\\u202E\\u0000\\r\\n    indented\"",
    "'```rust'",
    "名前",
    "\"a\\tb\"",
    "1.0.0-alpha2",
    "1.0.0-alpha9",
    "0.5",
    "'{{VAR}}'",
    "X Bad",
    "Origin",
    "|",
    ">",
    "&a",
    "*a",
    "!!str x",
    "- a",
    ": x",
    "'",
    "\"",
];

const HOSTILE: &[&str] = &[
    "\"); evil(); //",
    "*/",
    "/*",
    "`",
    "```",
    "~~~",
    "\n",
    "\r",
    "\t",
    "\u{202E}",
    "\u{0}",
    "名前",
    "[x]",
    "<b>",
    "&",
    "{",
    "}",
    "{{",
    "#",
    ": ",
    "- ",
    "'",
    "\"",
    "\\",
    "    ",
];

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Indent(usize, bool),
    Value(usize, usize),
    Insert(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), any::<bool>()).prop_map(|(a, b)| Mutation::Indent(a, b)),
        (any::<usize>(), 0..VALUES.len()).prop_map(|(a, b)| Mutation::Value(a, b)),
        (any::<usize>(), 0..HOSTILE.len()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for m in mutations {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match *m {
            Mutation::Delete(i) => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::Swap(a, b) => lines.swap(a % n, b % n),
            Mutation::Indent(i, deeper) => {
                let line = &mut lines[i % n];
                if deeper {
                    line.insert_str(0, "  ");
                } else if let Some(rest) = line.strip_prefix("  ") {
                    *line = rest.to_owned();
                }
            }
            Mutation::Value(i, v) => {
                let line = &mut lines[i % n];
                if let Some(colon) = line.find(": ") {
                    line.truncate(colon + 2);
                    line.push_str(VALUES[v]);
                }
            }
            Mutation::Insert(i, h) => {
                let line = &mut lines[i % n];
                let at = line
                    .char_indices()
                    .map(|(k, _)| k)
                    .nth(i % (line.len() + 1));
                line.insert_str(at.unwrap_or(line.len()), HOSTILE[h]);
            }
            Mutation::Truncate(i) => lines.truncate(i % n),
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

// In each pool, the values before the first empty string or other marked
// value are valid; `pick` draws them nine times out of ten, so that about a
// third of the built specs generate code.
const NAMES: &[&str] = &[
    "GetThing",
    "ListThings",
    "New",
    "Client",
    "Option",
    "BaseUrl",
    "match",
    "Self",
    "2fa",
    "X",
    "Clone",
    "inner",
    "ListRedirectURLs",
    "OAuth2Token",
    "getThing",
    "get-thing",
    "get_thing",
    "a b",
    "",
    "*",
];
const GOOD_NAMES: usize = 16;
const PARAM_NAMES: &[&str] = &[
    "id",
    "thing_id",
    "fooBar",
    "foo_bar",
    "type",
    "self",
    "client",
    "body",
    "request",
    "value",
    "filter",
    "query",
    "2fa",
    "_x",
    "*",
    "名前",
    "\"); evil(); //",
    "a\nb",
    "ID",
    "Foo-Bar",
    "X-Request-Id",
    "Origin",
    "",
];
const GOOD_PARAM_NAMES: usize = 18;
const LOCATIONS: &[&str] = &["query", "header", "body", "path", "cookie", "nowhere"];
const GOOD_LOCATIONS: usize = 3;
const TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "array", "object", "file",
];
const GOOD_TYPES: usize = 6;
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "get", "HEAD"];
const GOOD_METHODS: usize = 5;
const SEGMENTS: &[&str] = &[
    "things",
    "{id}",
    "{thing_id}",
    "{id}.xml",
    "{a}-{b}",
    "{{c}}",
    ".well-known",
    "é",
    "{",
];
const GOOD_SEGMENTS: usize = 8;
const BASES: &[&str] = &[
    "https://api.example.test/v1",
    "",
    "http://x.test",
    "https://a.test/",
    "ftp://x",
];
const GOOD_BASES: usize = 4;
const TEXTS: &[&str] = &[
    "Plain.",
    "",
    "\"); evil(); //",
    "*/ fn evil() {} /*",
    "`open",
    "```\nfn x() {}\n```",
    "    indented();",
    "<b>[x]</b> https://x.test/?a=<1>",
    "\u{202E}rev\u{0}",
    "multi\nline\n\nparagraph",
];

/// An index into a pool of `len` values whose first `good` ones are valid.
fn pick(good: usize, len: usize) -> BoxedStrategy<usize> {
    prop_oneof![9 => 0..good, 1 => 0..len].boxed()
}

/// One parameter: name, location, type, required, description.
type Param = (usize, usize, usize, Option<bool>, usize);
/// One operation: name, method (None: absent), parameters.
type Op = (usize, Option<usize>, Vec<Param>);
/// One resource: path segments, whether its placeholders get parameters, operations.
type Resource = (Vec<usize>, bool, Vec<Op>);

fn param() -> impl Strategy<Value = Param> {
    (
        pick(GOOD_PARAM_NAMES, PARAM_NAMES.len()),
        pick(GOOD_LOCATIONS, LOCATIONS.len()),
        pick(GOOD_TYPES, TYPES.len()),
        proptest::option::of(any::<bool>()),
        0..TEXTS.len(),
    )
}

fn resource() -> impl Strategy<Value = Resource> {
    let op = (
        pick(GOOD_NAMES, NAMES.len()),
        proptest::option::of(pick(GOOD_METHODS, METHODS.len())),
        prop::collection::vec(param(), 0..4),
    );
    (
        prop::collection::vec(pick(GOOD_SEGMENTS, SEGMENTS.len()), 0..4),
        prop::bool::weighted(0.9),
        prop::collection::vec(op, 1..3),
    )
}

/// A YAML scalar for any text (a JSON string is a YAML double-quoted scalar).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn build(base: usize, description: usize, resources: &[Resource]) -> String {
    let mut out = String::from(
        "naftiko: 1.0.0-alpha2\nbinds:\n- namespace: env\n  keys:\n    CLERK_SECRET_KEY: CLERK_SECRET_KEY\n",
    );
    out.push_str("capability:\n  consumes:\n  - type: http\n    namespace: fuzz-api\n");
    let _ = writeln!(out, "    baseUri: {}", quote(BASES[base]));
    let _ = writeln!(out, "    description: {}", quote(TEXTS[description]));
    out.push_str("    resources:\n");
    for (ri, (segments, consistent, ops)) in resources.iter().enumerate() {
        let path: String = segments
            .iter()
            .map(|s| format!("/{}", SEGMENTS[*s]))
            .collect();
        let placeholders: Vec<String> = clerk_sessions_codegen::model::PathTemplate::parse(&path)
            .map(|t| t.placeholders().map(str::to_owned).collect())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    - name: r{ri}\n      path: {}\n      operations:",
            quote(&path)
        );
        for (name, method, params) in ops {
            let _ = writeln!(out, "      - name: {}", quote(NAMES[*name]));
            if let Some(m) = method {
                let _ = writeln!(out, "        method: {}", METHODS[*m]);
            }
            let path_params = if *consistent {
                placeholders.as_slice()
            } else {
                &[]
            };
            if params.is_empty() && path_params.is_empty() {
                continue;
            }
            out.push_str("        inputParameters:\n");
            for name in path_params {
                let _ = writeln!(
                    out,
                    "        - name: {}\n          in: path\n          type: string",
                    quote(name)
                );
            }
            for (name, location, ty, required, text) in params {
                let _ = writeln!(out, "        - name: {}", quote(PARAM_NAMES[*name]));
                let _ = writeln!(out, "          in: {}", LOCATIONS[*location]);
                let _ = writeln!(out, "          type: {}", TYPES[*ty]);
                let _ = writeln!(out, "          description: {}", quote(TEXTS[*text]));
                if let Some(required) = required {
                    let _ = writeln!(out, "          required: {required}");
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: MUTATION_CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_corpus_files_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let seeds = seeds();
        let text = mutate(&seeds[seed.index(seeds.len())], &mutations);
        generate(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: BUILT_CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn built_specs_never_panic(
        base in pick(GOOD_BASES, BASES.len()),
        description in 0..TEXTS.len(),
        resources in prop::collection::vec(resource(), 1..4),
    ) {
        generate(&build(base, description, &resources));
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
