//! Typing derived from Clerk's OpenAPI documents (`openapi/` at the root of
//! the workspace): every capability operation of the corpus matches exactly one
//! document operation and derives without errors; derived typing files for a
//! few capabilities and for a fixture document that exercises every rule are
//! kept as golden files (`UPDATE_GOLDEN=1` rewrites them); the committed
//! Sessions typing file is exactly what `derive-types` makes of the backend
//! document and the Sessions overlay.

#![cfg(feature = "openapi")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use clerk_sessions_codegen::openapi::{Derived, Documents, Family, Source, Stats, derive};
use clerk_sessions_codegen::{Error, Severity};
use serde_json::Value;

const DOCUMENTS: [&str; 3] = [
    "backend-api-2026-05-12.yml",
    "frontend-api-2026-05-12.yml",
    "platform-api-beta.yml",
];

/// Clerk's three documents, read once for every test of this file.
fn clerk() -> &'static Documents {
    static DOCS: OnceLock<Documents> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = common::workspace_dir().join("openapi");
        let sources = DOCUMENTS
            .iter()
            .map(|d| (format!("openapi/{d}"), read(&dir.join(d))))
            .collect();
        Documents::from_texts(sources).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The fixture document, named as diagnostics show it on every machine.
fn fixture_docs() -> Documents {
    let path = common::crate_dir().join("tests/openapi/backend-api-fixture.yml");
    Documents::from_texts(vec![(common::relative(&path), read(&path))])
        .unwrap_or_else(|e| panic!("{e}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Derives `spec` (a path) with names relative to the workspace, so that
/// diagnostics and headers are the same on every machine.
fn derive_file(spec: &Path, docs: &Documents, overlay: Option<&Path>) -> Result<Derived, Error> {
    let name = common::relative(spec);
    let text = read(spec);
    let overlay_text = overlay.map(|p| (common::relative(p), read(p)));
    derive(
        Source {
            file: &name,
            text: &text,
        },
        docs,
        overlay_text
            .as_ref()
            .map(|(file, text)| Source { file, text }),
    )
}

/// The derived typing document as JSON, for assertions.
fn as_json(derived: &Derived) -> Value {
    serde_saphyr::from_str(&derived.to_yaml()).unwrap()
}

#[test]
fn the_documents_are_clerks_unmodified() {
    let shared = common::workspace_dir().join("../shared/specs/clerk-openapi");
    if !shared.is_dir() {
        eprintln!("{} is not here: nothing to compare", shared.display());
        return;
    }
    for name in DOCUMENTS.iter().chain(&["LICENSE"]) {
        let copy = common::workspace_dir().join("openapi").join(name);
        assert_eq!(
            std::fs::read(&copy).ok(),
            std::fs::read(shared.join(name)).ok(),
            "{name}"
        );
    }
}

#[test]
fn every_capability_operation_matches_one_document_operation() {
    let mut per_family: BTreeMap<Family, Stats> = BTreeMap::new();
    let mut warnings = String::new();
    for spec in common::specs("corpus") {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let derived = derive_file(&spec, clerk(), None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!derived.diagnostics.has_errors(), "{name}");
        assert_eq!(derived.stats.derived, derived.stats.operations, "{name}");
        for w in derived.diagnostics.warnings() {
            warnings.push_str(&format!("{name}: {}\n", w.message));
        }
        if let Some(family) = Family::of_capability(&name) {
            per_family.entry(family).or_default().add(&derived.stats);
        }
    }
    let ops: Vec<(Family, usize)> = per_family.iter().map(|(f, s)| (*f, s.operations)).collect();
    assert_eq!(
        ops,
        [
            (Family::Backend, 126),
            (Family::Frontend, 97),
            (Family::Platform, 29)
        ],
        "252 operations, not the 426 the issue says"
    );
    for (family, stats) in &per_family {
        let untyped = stats.untyped_responses.len();
        eprintln!(
            "{family}: {} operations, {} typed responses (+{} empty, {} text, {} redirect), untyped {:?}; \
             bodies {}/{} typed, untyped {:?}, free-form {:?}; {} parameters added, {} paginated; \
             unions {} tagged / {} untagged; warnings {:?}",
            stats.operations,
            stats.typed_responses,
            stats.empty_responses,
            stats.text_responses,
            stats.redirect_responses,
            stats.untyped_responses,
            stats.typed_bodies,
            stats.bodies,
            stats.untyped_bodies,
            stats.free_form_bodies,
            stats.added_parameters,
            stats.paginated,
            stats.tagged_unions,
            stats.untagged_unions,
            stats.warnings,
        );
        // At least 98% of the responses of each API are typed.
        assert!(
            untyped * 50 <= stats.operations,
            "{family}: {untyped} untyped"
        );
        assert!(
            stats.untyped_bodies.is_empty(),
            "{family}: {:?}",
            stats.untyped_bodies
        );
    }
    let total: usize = per_family.values().map(|s| s.added_parameters).sum();
    assert_eq!(total, 64, "62 shared pagination parameters + 2 inline ones");
    eprint!("{warnings}");
}

#[test]
fn the_sessions_typing_file_is_derived_with_its_overlay() {
    let spec = common::workspace_dir().join("spec/clerk-backend-api-sessions.yaml");
    let overlay = spec.with_file_name("clerk-backend-api-sessions.overlay.yaml");
    let derived = derive_file(&spec, clerk(), Some(&overlay)).unwrap_or_else(|e| panic!("{e}"));
    assert!(derived.diagnostics.is_empty(), "{}", derived.diagnostics);
    let committed = spec.with_file_name("clerk-backend-api-sessions.types.yaml");
    common::assert_no_mismatches(
        common::golden(&committed, &derived.to_yaml())
            .into_iter()
            .collect(),
    );
}

#[test]
fn derived_typing_files_match_their_golden_files() {
    let corpus = common::crate_dir().join("tests/corpus");
    let golden = common::crate_dir().join("tests/openapi/golden");
    let mut mismatches = Vec::new();
    for stem in [
        "clerk-backend-api-users",
        "clerk-backend-api-sessions",
        "clerk-frontend-api-sign-ups",
        "clerk-platform-api-applications",
    ] {
        let derived = derive_file(&corpus.join(format!("{stem}.yaml")), clerk(), None).unwrap();
        let path = golden.join(format!("{stem}.types.yaml"));
        mismatches.extend(common::golden(&path, &derived.to_yaml()));
    }
    let fixture = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let derived = derive_file(&fixture, &fixture_docs(), None).unwrap_or_else(|e| panic!("{e}"));
    let text = format!(
        "{}\n# diagnostics:\n{}",
        derived.to_yaml(),
        comment(&derived.diagnostics.to_string())
    );
    mismatches.extend(common::golden(
        &golden.join("clerk-backend-api-fixture.types.yaml"),
        &text,
    ));
    common::assert_no_mismatches(mismatches);
}

fn comment(text: &str) -> String {
    text.lines()
        .map(|l| format!("# {l}\n").replace("# \n", "#\n"))
        .collect()
}

#[test]
fn a_capabilitys_typing_does_not_depend_on_what_was_derived_before() {
    // Component definitions are shared by the capabilities of a document:
    // deriving the corpus forwards and backwards with fresh documents gives
    // the same bytes for every file.
    let fresh = || {
        let dir = common::workspace_dir().join("openapi");
        let sources = DOCUMENTS
            .iter()
            .map(|d| (d.to_string(), read(&dir.join(d))))
            .collect();
        Documents::from_texts(sources).unwrap()
    };
    let specs = common::specs("corpus");
    let (forwards, backwards) = (fresh(), fresh());
    let first: Vec<String> = specs
        .iter()
        .map(|s| derive_file(s, &forwards, None).unwrap().to_yaml())
        .collect();
    let mut second: Vec<String> = specs
        .iter()
        .rev()
        .map(|s| derive_file(s, &backwards, None).unwrap().to_yaml())
        .collect();
    second.reverse();
    for ((spec, a), b) in specs.iter().zip(&first).zip(&second) {
        assert!(a == b, "{}", spec.display());
    }
}

#[test]
fn deriving_twice_gives_the_same_bytes() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-user.yaml");
    let first = derive_file(&spec, clerk(), None).unwrap().to_yaml();
    let second = derive_file(&spec, clerk(), None).unwrap().to_yaml();
    assert_eq!(first, second);
}

/// The fixture's derived typing, as JSON.
fn fixture() -> (Value, Derived) {
    let spec = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let derived = derive_file(&spec, &fixture_docs(), None).unwrap_or_else(|e| panic!("{e}"));
    (as_json(&derived), derived)
}

#[test]
fn operations_match_by_method_and_path_and_keep_the_capabilitys_names() {
    let (t, derived) = fixture();
    // `{id}` in the capability, `{widget_id}` in the document: matched by position.
    assert_eq!(
        t["operations"]["GetWidget"]["parameters"]["id"]["$ref"],
        "#/$defs/WidgetId"
    );
    assert_eq!(
        t["operations"]["GetWidget"]["parameters"]["id"]["description"],
        "The widget."
    );
    // `FetchOwner` is `GetOwner` in the document: derived, with a warning.
    assert_eq!(
        t["operations"]["FetchOwner"]["response"]["$ref"],
        "#/$defs/Owner"
    );
    let warning = derived
        .diagnostics
        .warnings()
        .find(|w| w.message.contains("FetchOwner"))
        .unwrap();
    assert!(
        warning.message.contains("`operationId` is `GetOwner`"),
        "{warning}"
    );
    assert!(warning.yaml_path.ends_with("/get/operationId"), "{warning}");
    assert_eq!(
        t["operations"]["ListWidgets"]["description"],
        "Lists widgets.\nNewest first."
    );
    assert_eq!(
        t["auth"],
        serde_json::json!({"scheme": "secret-key", "env": "CLERK_SECRET_KEY"})
    );
}

#[test]
fn an_operation_the_document_lacks_is_an_error_naming_it() {
    let spec = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let text = read(&spec).replace("path: /events", "path: /nope");
    let err = derive(
        Source {
            file: "fixture.yaml",
            text: &text,
        },
        &fixture_docs(),
        None,
    )
    .unwrap_err();
    let Error::Spec(diagnostics) = err else {
        panic!("{err}")
    };
    let error = diagnostics.errors().next().unwrap();
    assert!(
        error
            .message
            .contains("`ListEvents`: backend-api-fixture.yml has no operation `GET /nope`"),
        "{error}"
    );
    assert_eq!(error.file, "fixture.yaml");
    assert!(error.line > 1, "{error}");
}

#[test]
fn ids_become_newtypes_where_they_are_used() {
    let (t, _) = fixture();
    let defs = &t["$defs"];
    assert_eq!(defs["WidgetId"]["minLength"], 1);
    // The `id` of component `Widget`, and `owner_id` (an `*_id` path parameter elsewhere).
    assert_eq!(
        defs["Widget"]["properties"]["id"]["$ref"],
        "#/$defs/WidgetId"
    );
    assert_eq!(
        defs["Widget"]["properties"]["owner_id"]["anyOf"][0]["$ref"],
        "#/$defs/OwnerId"
    );
    assert_eq!(defs["Owner"]["properties"]["id"]["$ref"], "#/$defs/OwnerId");
    // Query arrays of IDs, and body properties.
    let list = &t["operations"]["ListWidgets"]["parameters"];
    assert_eq!(list["owner_id"]["items"]["$ref"], "#/$defs/OwnerId");
    let body = &t["operations"]["CreateWidget"]["body"]["schema"]["properties"];
    assert_eq!(body["owner_id"]["$ref"], "#/$defs/OwnerId");
}

#[test]
fn nullable_references_enums_and_credentials() {
    let (t, derived) = fixture();
    let widget = &t["$defs"]["Widget"];
    // `{type: object, nullable: true, allOf: [$ref]}` and `{$ref, nullable, description}`.
    assert_eq!(
        widget["properties"]["owner"]["anyOf"][0]["$ref"],
        "#/$defs/Owner"
    );
    assert_eq!(widget["properties"]["owner"]["anyOf"][1]["type"], "null");
    assert_eq!(
        widget["properties"]["sibling"]["anyOf"][0]["$ref"],
        "#/$defs/Widget"
    );
    assert_eq!(
        widget["properties"]["sibling"]["description"],
        "A ref with siblings."
    );
    // One-value enums are constants; a response enum is open, a request enum closed.
    assert_eq!(widget["properties"]["object"]["const"], "widget");
    assert_eq!(t["$defs"]["WidgetStatus"]["x-open"], true);
    assert_eq!(t["$defs"]["CreateWidgetBodyKind"].get("x-open"), None);
    assert_eq!(t["$defs"]["OwnerPlan"]["x-open"], true);
    assert_eq!(t["$defs"]["ListWidgetsTag"]["enum"][2], "user:org:read");
    // Maps and free-form objects.
    assert_eq!(
        widget["properties"]["meta"]["additionalProperties"]["type"],
        "string"
    );
    assert_eq!(widget["properties"]["extra"]["type"], "object");
    assert_eq!(widget["properties"]["created"]["format"], "date-time");
    // Credentials.
    assert_eq!(widget["properties"]["jwt"]["x-secret"], true);
    assert_eq!(widget["properties"]["cookies"]["x-secret"], true);
    assert_eq!(
        widget["properties"]["cookies"]["items"].get("x-secret"),
        None
    );
    let body = &t["operations"]["CreateWidget"]["body"]["schema"]["properties"];
    assert_eq!(body["secret"]["x-secret"], true);
    // A required property that does not exist is left out, with a warning.
    assert!(
        !widget["required"]
            .as_array()
            .unwrap()
            .contains(&Value::from("missing"))
    );
    assert!(derived.diagnostics.warnings().any(|w| {
        w.message
            .contains("`missing` is required but not a property")
    }));
}

#[test]
fn unions_tagged_explicitly_implicitly_or_not_at_all() {
    let (t, _) = fixture();
    let defs = &t["$defs"];
    assert_eq!(defs["Event"]["discriminator"]["propertyName"], "type");
    assert_eq!(
        defs["Event"]["discriminator"]["mapping"]["deleted"],
        "#/$defs/Deleted"
    );
    // No discriminator, but every member has a one-value `object`: tagged all the same.
    assert_eq!(defs["Shape"]["discriminator"]["propertyName"], "object");
    assert_eq!(
        defs["Shape"]["discriminator"]["mapping"]["circle"],
        "#/$defs/Shape1"
    );
    assert_eq!(defs["Shape2"]["properties"]["side"]["type"], "number");
    // Nothing to tag by: untagged, the members in order.
    assert_eq!(defs["Either"].get("discriminator"), None);
    assert_eq!(defs["Either"]["oneOf"][0]["type"], "string");
    assert_eq!(defs["Either"]["oneOf"][1]["$ref"], "#/$defs/Owner");
}

#[test]
fn recursive_schemas_are_references_and_an_all_of_cycle_is_reported() {
    let (t, derived) = fixture();
    let tree = &t["$defs"]["TreeNode"]["properties"];
    assert_eq!(tree["children"]["items"]["$ref"], "#/$defs/TreeNode");
    assert_eq!(tree["parent"]["$ref"], "#/$defs/TreeNode");
    assert_eq!(t["$defs"]["A"]["properties"]["b"]["$ref"], "#/$defs/B");
    assert_eq!(t["$defs"]["B"]["properties"]["a"]["$ref"], "#/$defs/A");
    assert_eq!(t["$defs"]["Loop"]["properties"]["x"]["type"], "integer");
    let cycle = derived
        .diagnostics
        .warnings()
        .find(|w| w.message.contains("include themselves"))
        .unwrap();
    assert_eq!(cycle.yaml_path, "#/components/schemas/Loop");
    assert!(cycle.line > 1, "{cycle}");
}

#[test]
fn lists_responses_and_bodies() {
    let (t, _) = fixture();
    let ops = &t["operations"];
    let list = &ops["ListWidgets"];
    assert_eq!(list["parameters"]["paginated"]["in"], "query");
    assert_eq!(list["parameters"]["paginated"]["const"], true);
    assert_eq!(list["parameters"]["limit"]["format"], "uint32");
    assert_eq!(list["parameters"]["limit"]["maximum"], 500);
    assert_eq!(list["parameters"]["tag"]["style"], "spaceDelimited");
    assert_eq!(list["parameters"]["tag"]["explode"], false);
    assert_eq!(list["response"]["$ref"], "#/$defs/WidgetList");
    assert_eq!(t["$defs"]["WidgetList"]["x-bare-array"], "data");
    assert_eq!(list["x-paginate"]["limit"], "limit");
    assert_eq!(ops["ListEvents"]["x-paginate"]["items"], "data");
    // One allowed value: always sent when required, else an optional string.
    assert_eq!(ops["ListEvents"]["parameters"]["version"]["const"], "v1");
    assert_eq!(ops["ListEvents"]["parameters"]["order"].get("const"), None);
    assert_eq!(ops["ListEvents"]["parameters"]["order"]["type"], "string");
    assert_eq!(ops["DeleteWidget"]["x-response"], "empty");
    assert_eq!(ops["GoWidget"]["x-response"], "redirect");
    assert_eq!(ops["WidgetText"]["x-response"], "text");
    // 200 with a body, or 204 without: the body's type, or nothing.
    assert_eq!(ops["RemoveLogo"]["x-response"], "optional");
    assert_eq!(ops["RemoveLogo"]["response"]["$ref"], "#/$defs/Widget");
    assert_eq!(ops["GetWidget"].get("x-response"), None);
    let upload = &ops["UploadLogo"]["body"];
    // Multipart is preferred to the `application/octet-stream` the document also offers.
    assert_eq!(upload["content-type"], "multipart/form-data");
    assert_eq!(upload["schema"]["properties"]["file"]["format"], "binary");
    let form = &ops["FormWidget"]["body"];
    assert_eq!(form["content-type"], "application/x-www-form-urlencoded");
    assert_eq!(form["required"], false);
    assert_eq!(
        form["schema"]["properties"]["visible"]["type"],
        serde_json::json!(["boolean", "null"])
    );
    // A body with required properties is always sent.
    assert_eq!(ops["CreateWidget"]["body"]["required"], true);
}

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

#[test]
fn a_document_that_cannot_be_read_is_an_error_with_its_position() {
    let sources = vec![
        (
            "backend-api-x.yml".to_owned(),
            "openapi: 3.0.3\npaths: [oops\n".to_owned(),
        ),
        (
            "frontend-api-x.yml".to_owned(),
            "openapi: 3.1.0\n".to_owned(),
        ),
    ];
    let Err(Error::Spec(diagnostics)) = Documents::from_texts(sources) else {
        panic!("must fail")
    };
    let errors: Vec<_> = diagnostics.errors().collect();
    assert_eq!(errors.len(), 2, "{diagnostics}");
    assert!(
        errors
            .iter()
            .any(|e| e.file == "backend-api-x.yml" && e.line == 2),
        "{diagnostics}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("only OpenAPI 3.0")),
        "{diagnostics}"
    );
}

#[test]
fn a_spec_is_derived_from_its_own_apis_document_only() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-client.yaml");
    let Err(Error::Spec(diagnostics)) = derive_file(&spec, &fixture_docs(), None) else {
        panic!("a frontend spec with only a backend document must fail")
    };
    let error = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap();
    assert!(
        error.message.contains("no frontend API document"),
        "{error}"
    );
}

/// Clerk's 200-or-204 operations (a script over the three documents finds
/// two, both in the Frontend document; the corpus has `DeleteUserPaymentMethod`):
/// the 200's type, or nothing.
#[test]
fn a_clerk_operation_answering_a_body_or_204_is_optional() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-payment-methods.yaml");
    let derived = derive_file(&spec, clerk(), None).unwrap();
    assert_eq!(derived.stats.optional_responses, 1);
    let t = as_json(&derived);
    let delete = &t["operations"]["DeleteUserPaymentMethod"];
    assert_eq!(delete["x-response"], "optional");
    let response = delete["response"]["$ref"].as_str().unwrap();
    let name = response.trim_start_matches("#/$defs/").replace('.', "");
    let yaml = derived.to_yaml();
    let code = generate_with(&spec, &yaml);
    assert!(
        code.contains(&format!("request.send_optional::<{name}>().await")),
        "{name}"
    );
}

/// The deriver prefers multipart; an overlay that asks for Clerk's other
/// content type gets a method that takes the raw bytes.
#[test]
fn an_octet_stream_body_takes_the_bytes() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-user.yaml");
    let overlay = "\
operations:
  updateProfileImage:
    body:
      content-type: application/octet-stream
      schema: null
";
    let text = read(&spec);
    let source = Source {
        file: "clerk-frontend-api-user.yaml",
        text: &text,
    };
    let overlay = Source {
        file: "overlay.yaml",
        text: overlay,
    };
    let derived = derive(source, clerk(), Some(overlay)).unwrap();
    let code = generate_with(&spec, &derived.to_yaml());
    assert!(code.contains("pub fn update_profile_image<'a>(&'a self, bytes: impl Into<Bytes>)"));
    assert!(code.contains("request.octet_stream_body(self.bytes);"));
}

/// The code generated from `spec` with the typing document `typing`, which
/// gives no diagnostics.
fn generate_with(spec: &Path, typing: &str) -> String {
    let generated = clerk_sessions_codegen::Config::new()
        .generate_str(
            &common::relative(spec),
            &read(spec),
            Some(("derived.types.yaml", typing)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        generated.diagnostics.is_empty(),
        "{}",
        generated.diagnostics
    );
    generated.code
}
