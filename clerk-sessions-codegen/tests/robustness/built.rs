//! Built specs: capability files assembled from random parts (names, locations,
//! types, methods, paths and descriptions drawn from pools of good and bad
//! values).

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use crate::{BUILT_CASES, generate};

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

pub(crate) fn build(base: usize, description: usize, resources: &[Resource]) -> String {
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
