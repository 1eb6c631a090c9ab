//! The derivation rules, on the fixture document: operation matching, ID
//! newtypes, nullable references, enums and credentials, unions, recursive
//! schemas, lists, responses and bodies.

use serde_json::Value;

use crate::support::fixture;

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
