//! Generates the typed client of every covered capability file, with its
//! typing derived from Clerk's OpenAPI documents (each read once), into
//! `OUT_DIR`, plus:
//!
//! - `mods.rs`: one `pub mod` per client, for the library;
//! - `calls.rs`: for the test, one sample call of every operation whose
//!   inputs can be filled from the generator's model (required inputs only,
//!   values that satisfy the document's schema), grouped per capability.
//!
//! Which files are not covered yet, and why, is in `pending.rs`.

mod calls;
#[path = "../pending.rs"]
#[allow(dead_code)]
mod pending;
mod sample;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clerk_sessions_codegen::{Config, Generated, names};
use quote::quote;

/// The capability files, copied from Clerk's published folder.
const SPECS: &str = "../clerk-sessions-codegen/tests/corpus";

/// Clerk's OpenAPI documents, one per API.
const DOCUMENTS: &[&str] = &[
    "../openapi/backend-api-2026-05-12.yml",
    "../openapi/frontend-api-2026-05-12.yml",
    "../openapi/platform-api-beta.yml",
];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    println!("cargo:rerun-if-changed=pending.rs");
    let specs_dir = manifest.join(SPECS);
    println!("cargo:rerun-if-changed={}", specs_dir.display());
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&specs_dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    specs.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    specs.sort();

    let mut config = Config::new();
    for doc in DOCUMENTS {
        config.openapi(manifest.join(doc));
    }
    let jobs: Vec<(PathBuf, PathBuf)> = specs
        .iter()
        .map(|spec| Ok((spec.clone(), out_dir.join(format!("{}.rs", stem(spec)?)))))
        .collect::<Result<_, String>>()?;
    for (spec, _) in &jobs {
        for line in config.rerun_if_changed(spec) {
            println!("{line}");
        }
    }
    let results = config.write_all(&jobs);

    let mut modules = Vec::new();
    let mut problems = Vec::new();
    for ((spec, out), result) in jobs.iter().zip(results) {
        let stem = stem(spec)?;
        let pending = pending::PENDING_FILES.iter().any(|(file, _)| *file == stem);
        match (result, pending) {
            (Ok(generated), false) => {
                if !generated.api.modules.is_empty() {
                    modules.push((stem.to_owned(), out.clone(), generated));
                }
            }
            (Ok(_), true) => println!(
                "cargo:warning={stem} generates now: remove it from prism/pending.rs so that the Prism test covers it"
            ),
            (Err(err), false) => problems.push(format!("{stem}: {err}")),
            (Err(_), true) => {}
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "capability files that should generate did not (list them in prism/pending.rs with why, or fix the generator):\n{}",
            problems.join("\n")
        )
        .into());
    }
    write_mods(&out_dir, &modules)?;
    let calls = calls::file(&modules)?;
    write_rust(&out_dir.join("calls.rs"), calls)?;
    Ok(())
}

fn stem(spec: &Path) -> Result<&str, String> {
    spec.file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{} has no UTF-8 file name", spec.display()))
}

/// `mods.rs`: `pub mod <file> { include!(..) }` per generated client.
fn write_mods(
    out_dir: &Path,
    modules: &[(String, PathBuf, Generated)],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut mods = Vec::new();
    for (stem, out, _) in modules {
        let ident = names::value_ident(stem)?.to_ident();
        let path = out.to_str().ok_or("OUT_DIR is not UTF-8")?;
        let doc = format!(" The typed client generated from `{stem}.yaml`.");
        mods.push(quote! {
            #[doc = #doc]
            pub mod #ident {
                include!(#path);
            }
        });
    }
    write_rust(&out_dir.join("mods.rs"), quote! { #(#mods)* })
}

fn write_rust(
    path: &Path,
    tokens: proc_macro2::TokenStream,
) -> Result<(), Box<dyn std::error::Error>> {
    let file: syn::File = syn::parse2(tokens)?;
    let text = prettyplease::unparse(&file);
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)?;
    Ok(())
}
