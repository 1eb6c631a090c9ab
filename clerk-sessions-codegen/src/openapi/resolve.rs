//! Following `$ref`s inside one document (`#/components/<kind>/<name>`).

use openapiv3::{OpenAPI, Operation, Parameter, ReferenceOr, RequestBody, Response, Schema};

use super::facts::{Facts, Src};
use super::node::{escape_pointer, unescape_pointer};

/// Chains of `$ref`s longer than this are treated as cycles.
pub(crate) const MAX_DEPTH: usize = 32;

/// `#/components/<kind>/<name>` → the unescaped name.
pub(crate) fn component_name(reference: &str, kind: &str) -> Option<String> {
    let rest = reference.strip_prefix("#/components/")?;
    let (found, name) = rest.split_once('/')?;
    (found == kind && !name.contains('/')).then(|| unescape_pointer(name))
}

/// The pointer of a component.
pub(crate) fn component_pointer(kind: &str, name: &str) -> String {
    format!("#/components/{kind}/{}", escape_pointer(name))
}

/// A component schema by name, following `$ref`-only components: its final
/// name and schema.
pub(crate) fn schema<'d>(api: &'d OpenAPI, name: &str) -> Option<(String, &'d Schema)> {
    let schemas = &api.components.as_ref()?.schemas;
    let mut name = name.to_owned();
    for _ in 0..MAX_DEPTH {
        match schemas.get(&name)? {
            ReferenceOr::Item(schema) => return Some((name, schema)),
            ReferenceOr::Reference { reference } => name = component_name(reference, "schemas")?,
        }
    }
    None
}

/// The schema a `$ref` names: its component name and schema.
pub(crate) fn schema_ref<'d>(api: &'d OpenAPI, reference: &str) -> Option<(String, &'d Schema)> {
    schema(api, &component_name(reference, "schemas")?)
}

/// A schema where it is used, resolved: the schema, its pointer, and the
/// component it is (when it is one).
pub(crate) fn src<'d>(
    api: &'d OpenAPI,
    src: Src<'d>,
    at: &str,
) -> Option<(&'d Schema, String, Option<String>)> {
    match src {
        Src::Item(schema) => Some((schema, at.to_owned(), None)),
        Src::Ref(reference) => {
            let (name, schema) = schema_ref(api, reference)?;
            Some((schema, component_pointer("schemas", &name), Some(name)))
        }
    }
}

/// Whether the schema (after single-member `allOf`/`oneOf` and `$ref`s) says `nullable: true`.
pub(crate) fn nullable(api: &OpenAPI, src: Src<'_>) -> bool {
    let mut current = src;
    for _ in 0..MAX_DEPTH {
        let schema = match current {
            Src::Item(schema) => schema,
            Src::Ref(reference) => match schema_ref(api, reference) {
                Some((_, schema)) => schema,
                None => return false,
            },
        };
        let facts = Facts::of(schema);
        if facts.nullable {
            return true;
        }
        match super::facts::classify(&facts) {
            super::facts::Kind::Alias(inner, _) => current = inner,
            _ => return false,
        }
    }
    false
}

/// A parameter, following a `$ref` into `components.parameters`; with its pointer.
pub(crate) fn parameter<'d>(
    api: &'d OpenAPI,
    param: &'d ReferenceOr<Parameter>,
    at: String,
) -> Option<(&'d Parameter, String)> {
    let mut current = (param, at);
    for _ in 0..MAX_DEPTH {
        match current.0 {
            ReferenceOr::Item(p) => return Some((p, current.1)),
            ReferenceOr::Reference { reference } => {
                let name = component_name(reference, "parameters")?;
                let next = api.components.as_ref()?.parameters.get(&name)?;
                current = (next, component_pointer("parameters", &name));
            }
        }
    }
    None
}

/// A request body, following a `$ref`; with its pointer.
pub(crate) fn request_body<'d>(
    api: &'d OpenAPI,
    body: &'d ReferenceOr<RequestBody>,
    at: String,
) -> Option<(&'d RequestBody, String)> {
    match body {
        ReferenceOr::Item(b) => Some((b, at)),
        ReferenceOr::Reference { reference } => {
            let name = component_name(reference, "requestBodies")?;
            match api.components.as_ref()?.request_bodies.get(&name)? {
                ReferenceOr::Item(b) => Some((b, component_pointer("requestBodies", &name))),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// A response, following a `$ref`; with its pointer and component name.
pub(crate) fn response<'d>(
    api: &'d OpenAPI,
    response: &'d ReferenceOr<Response>,
    at: String,
) -> Option<(&'d Response, String, Option<String>)> {
    match response {
        ReferenceOr::Item(r) => Some((r, at, None)),
        ReferenceOr::Reference { reference } => {
            let name = component_name(reference, "responses")?;
            match api.components.as_ref()?.responses.get(&name)? {
                ReferenceOr::Item(r) => {
                    Some((r, component_pointer("responses", &name), Some(name)))
                }
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// Every operation of the document: path, lowercase method, pointer, operation.
pub(crate) fn operations(api: &OpenAPI) -> impl Iterator<Item = (&str, &str, String, &Operation)> {
    api.paths.paths.iter().flat_map(|(path, item)| {
        let ops: Vec<(&str, &Operation)> = match item {
            ReferenceOr::Item(item) => item.iter().collect(),
            ReferenceOr::Reference { .. } => Vec::new(),
        };
        ops.into_iter().map(move |(method, op)| {
            let at = format!("#/paths/{}/{method}", escape_pointer(path));
            (path.as_str(), method, at, op)
        })
    })
}

/// Calls `found` with the component name of every `$ref` inside the schema
/// (not following them).
pub(crate) fn refs_in(src: Src<'_>, found: &mut impl FnMut(String)) {
    let schema = match src {
        Src::Ref(reference) => {
            if let Some(name) = component_name(reference, "schemas") {
                found(name);
            }
            return;
        }
        Src::Item(schema) => schema,
    };
    let facts = Facts::of(schema);
    for (_, prop) in &facts.properties {
        refs_in(*prop, found);
    }
    if let Some(items) = facts.items {
        refs_in(items, found);
    }
    if let Some(openapiv3::AdditionalProperties::Schema(inner)) = facts.additional {
        refs_in(Src::of(inner), found);
    }
    for member in facts.all_of.iter().chain(facts.one_of).chain(facts.any_of) {
        refs_in(Src::of(member), found);
    }
}
