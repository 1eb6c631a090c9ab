//! Hostile inputs: a file above the size limit, YAML aliases that expand far
//! beyond the text ("billion laughs"), a file with thousands of problems, and
//! control characters meant for the terminal. Each is refused or reported
//! within bounds of time and output, and nothing from a spec reaches the
//! terminal as an escape sequence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clerk_sessions_codegen::{Config, Diagnostics, Error, MAX_FILE_BYTES};

/// A small valid spec, to which the tests add what they need.
const SPEC: &str = "\
naftiko: 1.0.0-alpha2
binds:
- namespace: env
  keys:
    CLERK_SECRET_KEY: CLERK_SECRET_KEY
capability:
  consumes:
  - type: http
    namespace: limits
    baseUri: https://api.example.test
    resources:
    - name: things
      path: /things
      operations:
      - name: ListThings
        method: GET
";

fn diagnostics(result: Result<clerk_sessions_codegen::Generated, Error>) -> Diagnostics {
    match result {
        Err(Error::Spec(diagnostics)) => diagnostics,
        Err(other) => panic!("{other}"),
        Ok(generated) => panic!("generated {} bytes", generated.code.len()),
    }
}

fn generate(spec: &str, typing: Option<&str>) -> Result<clerk_sessions_codegen::Generated, Error> {
    Config::new().generate_str("spec.yaml", spec, typing.map(|t| ("spec.types.yaml", t)))
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "clerk-codegen-limits-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The spec followed by comment lines up to `bytes` in all: valid YAML.
fn padded(bytes: usize) -> String {
    let mut text = String::from(SPEC);
    let line = format!("# {}\n", "x".repeat(1021));
    while text.len() + line.len() <= bytes {
        text.push_str(&line);
    }
    text.push_str(&"#".repeat(bytes - text.len()));
    text
}

#[test]
fn a_file_above_the_limit_is_refused_before_it_is_parsed() {
    assert!(generate(SPEC, None).is_ok());
    let big = padded(MAX_FILE_BYTES + 1);
    let refused = |d: &Diagnostics| {
        d.len() == 1
            && d.iter()
                .all(|d| d.message.contains("larger than 8 MiB") && d.help.is_some())
    };
    let d = diagnostics(generate(&big, None));
    assert!(refused(&d), "{d}");
    let d = diagnostics(generate(SPEC, Some(&big)));
    assert!(refused(&d), "{d}");
    assert!(d.iter().all(|d| d.file == "spec.types.yaml"), "{d}");
    // From files: only one byte more than the limit is read.
    let dir = scratch("big");
    let spec = dir.join("big.yaml");
    std::fs::write(&spec, &big).unwrap();
    let d = diagnostics(Config::new().generate(&spec));
    assert!(refused(&d), "{d}");
    let small = dir.join("small.yaml");
    std::fs::write(&small, SPEC).unwrap();
    let d = diagnostics(Config::new().typing_file(&spec).generate(&small));
    assert!(refused(&d), "{d}");
    // A file at the limit is read.
    assert!(generate(&padded(MAX_FILE_BYTES), None).is_ok());
    std::fs::remove_dir_all(dir).unwrap();
}

/// `levels` anchors, each a list of ten aliases of the one before, under an
/// unknown key that the reader skips; `count` aliases of the last one.
fn laughs(levels: usize, count: usize) -> String {
    let mut text = String::from("x-laughs:\n  l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for level in 1..levels {
        let previous = format!("*l{}", level - 1);
        let _ = writeln!(
            text,
            "  l{level}: &l{level} [{}]",
            vec![previous; 10].join(", ")
        );
    }
    let last = format!("*l{}", levels - 1);
    let _ = writeln!(text, "  all: [{}]", vec![last; count].join(", "));
    text
}

#[test]
fn aliases_cannot_expand_beyond_the_limits() {
    // Under the YAML reader's defaults, both of these would be read whole.
    // 234,000 nodes (111,111 of them repeated by one alias) from 400 bytes:
    let many_nodes = laughs(5, 1);
    // 90 copies of a 200 KB scalar (18 MB) from 200 KB:
    let long = "y".repeat(200_000);
    let copies = vec!["*long"; 90].join(", ");
    let many_bytes = format!("x-long: &long {long}\nx-copies: [{copies}]\n");
    for extra in [&many_nodes, &many_bytes] {
        let d = diagnostics(generate(&format!("{SPEC}{extra}"), None));
        assert_eq!(d.len(), 1, "{d}");
        let message = &d.iter().next().unwrap().message;
        assert!(
            message.contains("too deeply nested or too large"),
            "{message}"
        );
        let typing = format!("typing: 1\n{extra}");
        let d = diagnostics(generate(SPEC, Some(&typing)));
        assert_eq!(d.len(), 1, "{d}");
        assert!(d.iter().all(|d| d.file == "spec.types.yaml"), "{d}");
    }
    // The classic "billion laughs": 10^9 scalars.
    let d = diagnostics(generate(&format!("{SPEC}{}", laughs(9, 10)), None));
    assert_eq!(d.len(), 1, "{d}");
}

/// A spec with `n` operations whose method is wrong.
fn wrong_methods(n: usize) -> String {
    let mut text = String::from(SPEC);
    for i in 0..n {
        let _ = writeln!(text, "      - name: Op{i}\n        method: FETCH");
    }
    text
}

#[test]
fn at_most_fifty_diagnostics_are_printed() {
    let d = diagnostics(generate(&wrong_methods(500), None));
    assert_eq!(d.len(), 500);
    let text = d.to_string();
    assert_eq!(
        text.matches("error: unknown HTTP method").count(),
        50,
        "{text}"
    );
    assert!(text.contains("... and 450 more (not shown)"), "{text}");
    assert!(
        text.ends_with("error: could not generate the client: 500 errors\n"),
        "{text}"
    );
    // Errors come first when there are more than fifty.
    let mut warnings = String::from(SPEC);
    for i in 0..60 {
        let _ = writeln!(
            warnings,
            "      - name: Warn{i}\n        method: GET\n        inputParameters:\n        - {{name: p, in: query}}"
        );
    }
    warnings.push_str("      - name: Bad\n        method: FETCH\n");
    let text = diagnostics(generate(&warnings, None)).to_string();
    assert!(
        text.starts_with("error: unknown HTTP method `FETCH`"),
        "{text}"
    );
}

#[test]
fn many_problems_in_a_large_file_are_reported_in_bounded_time() {
    // 40,000 problems in 2 MB of lines, and 20,000 on one line of 1.5 MB:
    // each is located and rendered without reading the file again.
    let lines = wrong_methods(40_000);
    let mut one_line =
        String::from(SPEC.trim_end_matches("      - name: ListThings\n        method: GET\n"));
    one_line.push_str(
        "      - {name: ListThings, method: GET}\n    - {name: more, path: /more, operations: [",
    );
    for i in 0..20_000 {
        let _ = write!(one_line, "{{name: Op{i}, method: FETCH}}, ");
    }
    one_line.push_str("]}\n");
    for (text, problems) in [(&lines, 40_000), (&one_line, 20_000)] {
        let start = Instant::now();
        let d = diagnostics(generate(text, None));
        let rendered: usize = d.iter().map(|d| d.to_string().len()).sum();
        let elapsed = start.elapsed();
        assert_eq!(d.len(), problems);
        // Each rendering is bounded: a window of the line, not the line.
        assert!(d.iter().all(|d| d.to_string().len() < 2_000));
        assert!(rendered > 0);
        assert!(
            elapsed < Duration::from_secs(60),
            "{elapsed:?} for {} bytes",
            text.len()
        );
    }
}

#[test]
fn control_characters_never_reach_the_terminal() {
    // An escape sequence in a quoted value (YAML's `\e`), which a message
    // quotes, and raw in the source line that a snippet shows.
    let quoted = SPEC.replace("method: GET", "method: \"\\e[31mGET\\u202E\"");
    let raw = SPEC.replace("method: GET", "method: \"\u{1b}[31mGET\"");
    for spec in [quoted, raw] {
        let text = diagnostics(generate(&spec, None)).to_string();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}'),
            "{text:?}"
        );
        assert!(text.contains("\\u{1b}[31m"), "{text}");
    }
    // A message quoting a huge value is cut.
    let huge = SPEC.replace("method: GET", &format!("method: {}", "G".repeat(1_000_000)));
    let text = diagnostics(generate(&huge, None)).to_string();
    assert!(text.len() < 2_000, "{} bytes", text.len());
}
