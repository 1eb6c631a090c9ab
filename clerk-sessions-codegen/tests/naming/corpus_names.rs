//! The corpus: every name in the 43 capability files converts without
//! collisions, differs from heck only by design, and matches the golden table.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

use clerk_sessions_codegen::names::{RustIdent, Scope, snake_case, value_ident};
use serde::Deserialize;

use crate::support::{TestResult, is_valid_ident};

#[derive(Deserialize)]
struct File {
    capability: Capability,
}
#[derive(Deserialize)]
struct Capability {
    #[serde(default)]
    consumes: Vec<Adapter>,
}
#[derive(Deserialize)]
struct Adapter {
    #[serde(default)]
    resources: Vec<Resource>,
}
#[derive(Deserialize)]
struct Resource {
    operations: Vec<Operation>,
}
#[derive(Deserialize)]
struct Operation {
    name: String,
    #[serde(default, rename = "inputParameters")]
    input_parameters: Vec<Param>,
}
#[derive(Deserialize)]
struct Param {
    name: String,
    #[serde(rename = "in")]
    location: String,
}

type Corpus = Vec<(PathBuf, Vec<Operation>)>;

fn corpus() -> Result<Corpus, Box<dyn Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|path| path.extension().is_some_and(|ext| ext == "yaml"));
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let file: File = serde_saphyr::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|err| format!("{}: {err}", path.display()))?;
        let operations = file
            .capability
            .consumes
            .into_iter()
            .flat_map(|a| a.resources);
        files.push((path, operations.flat_map(|r| r.operations).collect()));
    }
    Ok(files)
}

fn check_value_ident(raw: &str) -> Result<RustIdent, Box<dyn Error>> {
    let ident = value_ident(raw)?;
    assert!(
        is_valid_ident(&ident),
        "`{raw}` -> `{ident}` is not an identifier"
    );
    let snake = ident
        .as_str()
        .bytes()
        .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'));
    assert!(snake, "`{raw}` -> `{ident}` is not snake_case");
    assert_eq!(
        value_ident(raw)?,
        ident,
        "`{raw}` converts differently twice"
    );
    assert_eq!(
        value_ident(ident.as_str())?,
        ident,
        "`{raw}` -> `{ident}` is not idempotent"
    );
    Ok(ident)
}

#[test]
fn corpus_names_convert_without_collisions() -> TestResult {
    let (mut operations, mut params) = (0, 0);
    for (path, ops) in corpus()? {
        let mut module = Scope::new(&[]);
        for op in &ops {
            let ident = check_value_ident(&op.name)?;
            module
                .claim_exact(ident, &op.name)
                .map_err(|err| format!("{path:?}: {err}"))?;
            let mut args = Scope::new(&[]);
            for param in &op.input_parameters {
                let ident = check_value_ident(&param.name)?;
                let claimed = args.claim(ident, &param.name, &param.location);
                assert!(
                    !claimed.renamed,
                    "{path:?} {}: `{}` renamed",
                    op.name, param.name
                );
            }
            params += op.input_parameters.len();
        }
        operations += ops.len();
    }
    assert_eq!((operations, params), (252, 410), "the corpus changed");
    Ok(())
}

/// The only corpus names where we differ from heck 0.5: plural acronyms and `OAuth`.
#[test]
fn corpus_differs_from_heck_only_by_design() -> TestResult {
    use heck::ToSnakeCase;
    for (_, ops) in corpus()? {
        let params = ops
            .iter()
            .flat_map(|op| &op.input_parameters)
            .map(|p| &p.name);
        for raw in ops.iter().map(|op| &op.name).chain(params) {
            let ours = snake_case(raw);
            let explained = raw.contains("OAuth") || raw.contains("URLs");
            assert!(
                ours == raw.to_snake_case() || explained,
                "`{raw}` -> `{ours}`"
            );
        }
    }
    Ok(())
}

/// Every distinct operation and parameter name with its identifier, so that a
/// naming change shows up as a diff of `tests/golden/names.txt`.
#[test]
fn golden_names() -> TestResult {
    let mut lines = BTreeSet::new();
    for (_, ops) in corpus()? {
        for op in &ops {
            lines.insert(format!("{} -> {}", op.name, value_ident(&op.name)?));
            for param in &op.input_parameters {
                lines.insert(format!("{} -> {}", param.name, value_ident(&param.name)?));
            }
        }
    }
    let actual: String = lines.into_iter().map(|line| line + "\n").collect();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/names.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden.parent().ok_or("no parent")?)?;
        std::fs::write(&golden, &actual)?;
    }
    let expected = std::fs::read_to_string(&golden)
        .map_err(|err| format!("{}: {err}; run with UPDATE_GOLDEN=1", golden.display()))?;
    assert!(
        expected == actual,
        "names changed; rerun with UPDATE_GOLDEN=1 and review the diff"
    );
    Ok(())
}
