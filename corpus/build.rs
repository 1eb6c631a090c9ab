//! Generates a client module for every capability file of the corpus, the
//! edge-case and hostile fixtures, and the typed Sessions spec, into `OUT_DIR`,
//! then every capability file of the corpus again with its typing derived
//! from Clerk's OpenAPI documents (each document read once), plus `mods.rs`,
//! which declares one `pub mod` per generated file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clerk_sessions_codegen::{Config, names};
use quote::quote;

/// Folders of specs (relative to this crate) whose every `*.yaml` is compiled.
const FOLDERS: &[&str] = &[
    "../clerk-sessions-codegen/tests/corpus",
    "../clerk-sessions-codegen/tests/valid",
    "../clerk-sessions-codegen/tests/hostile",
];

/// The Sessions spec with its typing file, generated as a wrapper module.
const TYPED_SESSIONS: &str = "../spec/clerk-backend-api-sessions.yaml";

/// The corpus generated again, typed from these OpenAPI documents.
const DERIVED: &str = "../clerk-sessions-codegen/tests/corpus";
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
    let mut specs = Vec::new();
    for folder in FOLDERS {
        specs.extend(
            specs_in(&manifest.join(folder))?
                .into_iter()
                .map(|p| (p, None)),
        );
    }
    specs.push((manifest.join(TYPED_SESSIONS), Some("typed")));

    let mut mods = Vec::new();
    for (spec, suffix) in &specs {
        let config = Config::new();
        for line in config.rerun_if_changed(spec) {
            println!("{line}");
        }
        let stem = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("spec file name is not UTF-8")?;
        let file_stem = match suffix {
            Some(suffix) => format!("{stem}-{suffix}"),
            None => stem.to_owned(),
        };
        let file = out_dir.join(format!("{file_stem}.rs"));
        // Warnings are not printed: the fixtures have some on purpose, and the
        // generator's tests check every file's diagnostics (none for the corpus).
        let generated = config.write(spec, &file)?;
        // A workflow file consumes no API: it generates no module.
        if generated.api.modules.is_empty() {
            continue;
        }
        mods.push(module(spec, &file, &manifest, "")?);
    }
    mods.extend(derived(&manifest, &out_dir)?);
    let file: syn::File = syn::parse2(quote! { #(#mods)* })?;
    write_if_changed(&out_dir.join("mods.rs"), &prettyplease::unparse(&file))?;
    Ok(())
}

/// The corpus typed from the OpenAPI documents: `<stem>-derived.rs` each.
fn derived(
    manifest: &Path,
    out_dir: &Path,
) -> Result<Vec<proc_macro2::TokenStream>, Box<dyn std::error::Error>> {
    let mut config = Config::new();
    for document in DOCUMENTS {
        config.openapi(manifest.join(document));
    }
    let mut jobs = Vec::new();
    for spec in specs_in(&manifest.join(DERIVED))? {
        for line in config.rerun_if_changed(&spec) {
            println!("{line}");
        }
        let stem = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("spec file name is not UTF-8")?;
        let out = out_dir.join(format!("{stem}-derived.rs"));
        jobs.push((spec, out));
    }
    let mut mods = Vec::new();
    for ((spec, out), result) in jobs.iter().zip(config.write_all(&jobs)) {
        if result?.api.modules.is_empty() {
            continue;
        }
        mods.push(module(
            spec,
            out,
            manifest,
            " (typing derived from OpenAPI)",
        )?);
    }
    Ok(mods)
}

/// `pub mod <file stem> { include!(<file>); }`, documented after `spec`.
fn module(
    spec: &Path,
    file: &Path,
    manifest: &Path,
    note: &str,
) -> Result<proc_macro2::TokenStream, Box<dyn std::error::Error>> {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name is not UTF-8")?;
    let ident = names::value_ident(stem)?.to_ident();
    let path = file.to_str().ok_or("OUT_DIR is not UTF-8")?;
    let doc = format!(
        " The client generated from `{}`{note}.",
        display_name(spec, manifest)
    );
    Ok(quote! {
        #[doc = #doc]
        pub mod #ident {
            include!(#path);
        }
    })
}

/// The specs of a folder, sorted.
fn specs_in(folder: &Path) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    found.retain(|p| is_spec(p));
    found.sort();
    Ok(found)
}

fn is_spec(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".yaml") && !name.ends_with(".types.yaml")
}

fn display_name(spec: &Path, manifest: &Path) -> String {
    spec.strip_prefix(manifest)
        .unwrap_or(spec)
        .display()
        .to_string()
}

fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)
}
