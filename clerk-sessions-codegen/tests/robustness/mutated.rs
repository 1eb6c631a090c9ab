//! Mutated corpus files: real capability files with lines deleted, duplicated,
//! swapped, re-indented, values replaced, hostile text inserted or the file cut
//! short.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use crate::{MUTATION_CASES, common, generate};

/// The smaller corpus files (mutating the large ones costs time, not coverage).
pub(crate) fn seeds() -> &'static [String] {
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
pub(crate) enum Mutation {
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

pub(crate) fn mutate(text: &str, mutations: &[Mutation]) -> String {
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
