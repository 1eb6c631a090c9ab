//! The compile-time guarantees of the generated surface (house rule 7): every
//! case in `ui/fail/` must be rejected with the committed `.stderr`, and every
//! program in `ui/pass/` must build and run.
//!
//! After a deliberate change to the surface or the compiler, regenerate with
//! `TRYBUILD=overwrite cargo test -p clerk-sessions-tests --test ui`, then read
//! every changed `.stderr`: its first error must still point at the mistake.

#[test]
fn ui() {
    // trybuild resolves these globs against this package's CARGO_MANIFEST_DIR.
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
