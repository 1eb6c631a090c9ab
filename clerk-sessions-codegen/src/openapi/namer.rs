//! Names for inline types, decided once per document so that a component
//! reads the same in every capability that uses it.
//!
//! An inline object, enum, union or `allOf` gets `{Owner}{Property}`: the
//! owner is its component (`Client.User` → `ClientUser`), `{Operation}Body`,
//! `{Operation}Response`, `{Operation}{Param}` or the response or parameter
//! component it sits in (`Session.List` → `SessionList`); array items and map
//! values add nothing; an inline member of a union adds its position (`1`,
//! `2`, ...). A bare-array response gets a name too, for the list type of
//! paginated lists. Names are claimed in document order (component schemas,
//! component responses, component parameters, then operations); a name taken
//! by a component, an ID type, an operation (`{Op}`, `{Op}Body`,
//! `{Op}Filter`, which the generator uses) or an earlier claim gets a numeric
//! suffix (`2`, `3`, ...).

use std::collections::{HashMap, HashSet};

use openapiv3::{OpenAPI, ReferenceOr};

use super::facts::{Facts, Kind, Src, classify};
use super::node::escape_pointer;
use super::resolve;
use crate::names::pascal_case;

struct Namer<'d> {
    api: &'d OpenAPI,
    taken: HashSet<String>,
    names: HashMap<String, String>,
}

/// Pointer of every inline schema that needs a name → its name.
pub(crate) fn name_all<'a>(
    api: &OpenAPI,
    ids: impl Iterator<Item = &'a String>,
) -> HashMap<String, String> {
    let mut namer = Namer {
        api,
        taken: ids.map(|id| pascal_case(id)).collect(),
        names: HashMap::new(),
    };
    let components = api.components.as_ref();
    let schemas = components.map(|c| &c.schemas);
    for (name, schema) in schemas.into_iter().flatten() {
        if let ReferenceOr::Item(schema) = schema
            && classify(&Facts::of(schema)).is_named()
        {
            namer.taken.insert(pascal_case(name));
        }
    }
    for (_, _, _, op) in resolve::operations(api) {
        if let Some(id) = &op.operation_id {
            let base = pascal_case(id);
            for suffix in ["", "Body", "Filter"] {
                namer.taken.insert(format!("{base}{suffix}"));
            }
        }
    }
    for (name, schema) in schemas.into_iter().flatten() {
        if let ReferenceOr::Item(schema) = schema {
            let at = resolve::component_pointer("schemas", name);
            let facts = Facts::of(schema);
            let kind = classify(&facts);
            namer.children(&facts, kind, &at, &pascal_case(name));
        }
    }
    namer.component_responses(api);
    for (name, param) in components.into_iter().flat_map(|c| &c.parameters) {
        if let ReferenceOr::Item(param) = param
            && let openapiv3::ParameterSchemaOrContent::Schema(schema) =
                &param.parameter_data_ref().format
        {
            let at = format!("{}/schema", resolve::component_pointer("parameters", name));
            namer.site(Src::of(schema), &at, &pascal_case(name), false);
        }
    }
    for (path, method, at, op) in resolve::operations(api) {
        let base = pascal_case(
            op.operation_id
                .as_deref()
                .unwrap_or(&format!("{method} {path}")),
        );
        namer.operation(op, &at, &base);
    }
    namer.names
}

impl Namer<'_> {
    fn claim(&mut self, wanted: &str) -> String {
        let base = pascal_case(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    fn component_responses(&mut self, api: &OpenAPI) {
        let responses = api.components.iter().flat_map(|c| &c.responses);
        for (name, response) in responses {
            let ReferenceOr::Item(response) = response else {
                continue;
            };
            let at = resolve::component_pointer("responses", name);
            for (media, content) in &response.content {
                if let Some(schema) = &content.schema {
                    let at = format!("{at}/content/{}/schema", escape_pointer(media));
                    let base = pascal_case(name);
                    self.list_of_ref(Src::of(schema), &at, &base);
                    self.site(Src::of(schema), &at, &base, true);
                }
            }
        }
    }

    fn operation(&mut self, op: &openapiv3::Operation, at: &str, base: &str) {
        for (i, param) in op.parameters.iter().enumerate() {
            if let ReferenceOr::Item(param) = param
                && let openapiv3::ParameterSchemaOrContent::Schema(schema) =
                    &param.parameter_data_ref().format
            {
                let name = format!("{base}{}", pascal_case(&param.parameter_data_ref().name));
                self.site(
                    Src::of(schema),
                    &format!("{at}/parameters/{i}/schema"),
                    &name,
                    false,
                );
            }
        }
        if let Some(ReferenceOr::Item(body)) = &op.request_body {
            for (media, content) in &body.content {
                let Some(ReferenceOr::Item(schema)) = &content.schema else {
                    continue;
                };
                let at = format!("{at}/requestBody/content/{}/schema", escape_pointer(media));
                let facts = Facts::of(schema);
                match classify(&facts) {
                    // The body is inlined in the operation: its properties
                    // are owned by `{Op}Body`, the struct the generator makes.
                    kind @ (Kind::Object | Kind::AllOf) => {
                        self.children(&facts, kind, &at, &format!("{base}Body"))
                    }
                    // A list body: its items are `{Op}BodyItem`.
                    Kind::Array(Some(items)) => self.site(
                        items,
                        &format!("{at}/items"),
                        &format!("{base}BodyItem"),
                        false,
                    ),
                    _ => self.site(Src::Item(schema), &at, &format!("{base}Body"), false),
                }
            }
        }
        for (code, response) in &op.responses.responses {
            let ReferenceOr::Item(response) = response else {
                continue;
            };
            for (media, content) in &response.content {
                if let Some(schema) = &content.schema {
                    let at = format!(
                        "{at}/responses/{code}/content/{}/schema",
                        escape_pointer(media)
                    );
                    self.list_of_ref(Src::of(schema), &at, &format!("{base}Response"));
                    self.site(Src::of(schema), &at, &format!("{base}Response"), true);
                }
            }
        }
    }

    /// A response that is a `$ref` to an array component: the name of its
    /// list type (`{Response}List`).
    fn list_of_ref(&mut self, src: Src<'_>, at: &str, base: &str) {
        let Src::Ref(reference) = src else {
            return;
        };
        let Some((_, schema)) = resolve::schema_ref(self.api, reference) else {
            return;
        };
        if matches!(classify(&Facts::of(schema)), Kind::Array(_)) {
            let wanted = if base.ends_with("List") {
                base.to_owned()
            } else {
                format!("{base}List")
            };
            let name = self.claim(&wanted);
            self.names.insert(at.to_owned(), name);
        }
    }

    /// A schema where it is used: named when it needs a name (a bare array
    /// at the root of a response too), then its children.
    fn site(&mut self, src: Src<'_>, at: &str, wanted: &str, response_root: bool) {
        self.site_lazy(src, || at.to_owned(), || wanted.to_owned(), response_root);
    }

    /// [`Namer::site`], building the pointer and the name only for inline
    /// schemas (most properties are `$ref`s or need no name).
    fn site_lazy(
        &mut self,
        src: Src<'_>,
        at: impl FnOnce() -> String,
        wanted: impl FnOnce() -> String,
        response_root: bool,
    ) {
        let Src::Item(schema) = src else {
            return;
        };
        let facts = Facts::of(schema);
        let kind = classify(&facts);
        let named = kind.is_named() || (response_root && matches!(kind, Kind::Array(_)));
        let has_children = matches!(
            kind,
            Kind::Object
                | Kind::AllOf
                | Kind::Alias(..)
                | Kind::Union(_)
                | Kind::Array(Some(_))
                | Kind::Map(_)
        );
        if !named && !has_children {
            return;
        }
        let at = at();
        let own = if named {
            let name = self.claim(&wanted());
            self.names.insert(at.clone(), name.clone());
            name
        } else {
            wanted()
        };
        self.children(&facts, kind, &at, &own);
    }

    fn children(&mut self, facts: &Facts<'_>, kind: Kind<'_>, at: &str, owner: &str) {
        match kind {
            Kind::Object | Kind::AllOf => {
                for (prop, src) in &facts.properties {
                    self.site_lazy(
                        *src,
                        || format!("{at}/properties/{}", escape_pointer(prop)),
                        || format!("{owner}{}", pascal_case(prop)),
                        false,
                    );
                }
                for (i, member) in facts.all_of.iter().enumerate() {
                    let ReferenceOr::Item(member) = member else {
                        continue;
                    };
                    let member_at = format!("{at}/allOf/{i}");
                    let member_facts = Facts::of(member);
                    match classify(&member_facts) {
                        kind @ (Kind::Object | Kind::AllOf) => {
                            self.children(&member_facts, kind, &member_at, owner);
                        }
                        _ => self.site(
                            Src::Item(member),
                            &member_at,
                            &format!("{owner}{}", i + 1),
                            false,
                        ),
                    }
                }
            }
            Kind::Alias(inner, segment) => {
                self.site(inner, &format!("{at}/{segment}"), owner, false)
            }
            Kind::Union(members) => {
                for (n, (member, segment)) in members.into_iter().enumerate() {
                    self.site(
                        member,
                        &format!("{at}/{segment}"),
                        &format!("{owner}{}", n + 1),
                        false,
                    );
                }
            }
            Kind::Array(Some(items)) => self.site(items, &format!("{at}/items"), owner, false),
            Kind::Map(inner) => {
                self.site(inner, &format!("{at}/additionalProperties"), owner, false)
            }
            _ => {}
        }
    }
}
