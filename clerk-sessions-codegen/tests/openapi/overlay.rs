//! The overlay: renames, merges, removals and declared IDs, and an unknown
//! rename reported as an error.

use clerk_sessions_codegen::Error;
use clerk_sessions_codegen::openapi::{Source, derive};

use crate::common;
use crate::support::{as_json, fixture_docs, read};

#[test]
fn the_overlay_renames_merges_removes_and_declares_ids() {
    let spec = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let overlay = "\
x-rename: {WidgetStatus: Status}
$defs:
  Name: {type: string, minLength: 1}
  Widget:
    properties:
      extra: null
operations:
  GetWidget:
    x-idempotent: true
";
    let text = read(&spec);
    let derived = derive(
        Source {
            file: "fixture.yaml",
            text: &text,
        },
        &fixture_docs(),
        Some(Source {
            file: "overlay.yaml",
            text: overlay,
        }),
    )
    .unwrap();
    let t = as_json(&derived);
    assert_eq!(
        t["$defs"]["Widget"]["properties"]["status"]["$ref"],
        "#/$defs/Status"
    );
    assert_eq!(t["$defs"].get("WidgetStatus"), None);
    assert_eq!(t["$defs"]["Widget"]["properties"].get("extra"), None);
    assert_eq!(t["operations"]["GetWidget"]["x-idempotent"], true);
    // `Name` is an ID type: every `name` is one.
    assert_eq!(
        t["$defs"]["Widget"]["properties"]["name"]["$ref"],
        "#/$defs/Name"
    );
    assert_eq!(
        t["operations"]["CreateWidget"]["body"]["schema"]["properties"]["name"]["$ref"],
        "#/$defs/Name"
    );
    assert_eq!(t.get("x-rename"), None);

    let bad = derive(
        Source {
            file: "fixture.yaml",
            text: &text,
        },
        &fixture_docs(),
        Some(Source {
            file: "overlay.yaml",
            text: "x-rename: {Nope: Other}\n",
        }),
    );
    let Err(Error::Spec(diagnostics)) = bad else {
        panic!("an unknown x-rename is an error")
    };
    let error = diagnostics.errors().next().unwrap();
    assert_eq!(error.file, "overlay.yaml");
    assert!(error.message.contains("no `$defs` entry `Nope`"), "{error}");
}
