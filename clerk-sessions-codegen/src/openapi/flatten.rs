//! `allOf` → one object: the properties of every member (members that are
//! `$ref`s to objects, inline objects, nested `allOf`s) and the schema's own,
//! a property in several members taken from the last; `required` is the
//! union. Each property keeps the pointer and the component it comes from,
//! so that its inline types keep their names and the `id` rule its owner.

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use super::facts::{Facts, Kind, Src, classify};
use super::node::escape_pointer;
use super::resolve;

/// One property of a flattened object.
#[derive(Clone, Debug)]
pub(crate) struct Prop<'d> {
    pub(crate) name: &'d str,
    pub(crate) src: Src<'d>,
    /// The property's JSON pointer.
    pub(crate) at: String,
    /// The component whose property it is, if any.
    pub(crate) component: Option<String>,
}

/// The properties of an object schema, `allOf` members merged.
#[derive(Debug, Default)]
pub(crate) struct Flat<'d> {
    pub(crate) props: Vec<Prop<'d>>,
    pub(crate) required: Vec<String>,
    /// The first member description, when the schema has none of its own.
    pub(crate) description: Option<&'d str>,
    /// `(pointer, message)` of members that are not objects (left out).
    pub(crate) problems: Vec<(String, String)>,
}

/// The properties of `schema` (at `at`, the component `component` if it is one).
pub(crate) fn flatten<'d>(
    api: &'d OpenAPI,
    schema: &'d Schema,
    at: &str,
    component: Option<&str>,
) -> Flat<'d> {
    let mut flat = Flat::default();
    let mut seen = Vec::new();
    add(api, schema, at, component, &mut flat, &mut seen);
    flat
}

fn add<'d>(
    api: &'d OpenAPI,
    schema: &'d Schema,
    at: &str,
    component: Option<&str>,
    flat: &mut Flat<'d>,
    seen: &mut Vec<String>,
) {
    if seen.iter().any(|s| s == at) || seen.len() > resolve::MAX_DEPTH {
        flat.problems.push((
            at.to_owned(),
            "`allOf` members include themselves (a cycle); left out".to_owned(),
        ));
        return;
    }
    seen.push(at.to_owned());
    let facts = Facts::of(schema);
    if flat.description.is_none() {
        flat.description = facts.description;
    }
    for (i, member) in facts.all_of.iter().enumerate() {
        let member_at = format!("{at}/allOf/{i}");
        match member {
            ReferenceOr::Reference { reference } => match resolve::schema_ref(api, reference) {
                Some((name, target)) => {
                    let target_at = resolve::component_pointer("schemas", &name);
                    add(api, target, &target_at, Some(&name), flat, seen);
                }
                None => flat.problems.push((
                    member_at,
                    format!("`$ref: {reference}` names no schema of this document; left out"),
                )),
            },
            ReferenceOr::Item(item) => add(api, item, &member_at, component, flat, seen),
        }
    }
    if let Some(problem) = not_an_object(&facts) {
        flat.problems.push((at.to_owned(), problem));
    }
    for (name, src) in &facts.properties {
        let prop = Prop {
            name,
            src: *src,
            at: format!("{at}/properties/{}", escape_pointer(name)),
            component: component.map(str::to_owned),
        };
        match flat.props.iter_mut().find(|p| p.name == *name) {
            Some(old) => *old = prop,
            None => flat.props.push(prop),
        }
    }
    for name in facts.required {
        if !flat.required.contains(name) {
            flat.required.push(name.clone());
        }
    }
    seen.pop();
}

/// Why a member of `allOf` adds nothing, if it does not.
fn not_an_object(facts: &Facts<'_>) -> Option<String> {
    match classify(facts) {
        Kind::Object | Kind::AllOf | Kind::FreeForm => None,
        Kind::Alias(..) if !facts.all_of.is_empty() => None,
        Kind::Union(_) => Some(
            "an `allOf` member is a union (`oneOf`/`anyOf`); its alternatives are left out"
                .to_owned(),
        ),
        other => Some(format!(
            "an `allOf` member is not an object ({}); left out",
            describe(&other)
        )),
    }
}

fn describe(kind: &Kind<'_>) -> &'static str {
    match kind {
        Kind::Enum(_) | Kind::Const(_) | Kind::String => "a string",
        Kind::Integer | Kind::Number => "a number",
        Kind::Boolean => "a boolean",
        Kind::Array(_) => "an array",
        Kind::Map(_) => "a map",
        _ => "another kind of schema",
    }
}

/// The properties of the object a schema is (following `$ref`s and
/// single-member compositions), or `None` when it is not an object.
pub(crate) fn object_props<'d>(api: &'d OpenAPI, src: Src<'d>, at: &str) -> Option<Flat<'d>> {
    let mut current = (src, at.to_owned());
    for _ in 0..resolve::MAX_DEPTH {
        let (schema, at, component) = resolve::src(api, current.0, &current.1)?;
        let facts = Facts::of(schema);
        match classify(&facts) {
            Kind::Object | Kind::AllOf => {
                return Some(flatten(api, schema, &at, component.as_deref()));
            }
            Kind::Alias(inner, segment) => current = (inner, format!("{at}/{segment}")),
            _ => return None,
        }
    }
    None
}
