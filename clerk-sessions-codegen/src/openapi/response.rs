//! The request body (content type, schema) and the response (the 2xx schema,
//! `x-response` for bodies that are not JSON, lists and `x-paginate`) of one
//! operation.

use openapiv3::{Operation, StatusCode};

use super::capability::CapOp;
use super::derive::Deriver;
use super::facts::{Facts, Kind, Src, classify};
use super::flatten;
use super::node::{Node, escape_pointer};
use super::resolve;
use super::schema::{Site, reference};

/// A response found: the response, its pointer, its component name.
type Found<'d> = (&'d openapiv3::Response, String, Option<String>);

/// Body content types, the preferred first.
const BODY_TYPES: [&str; 4] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
];

impl<'d> Deriver<'d> {
    /// `body:` of an operation, when both the capability and the document have one.
    pub(crate) fn body(&mut self, cap: &CapOp, op: &'d Operation, at: &str) -> Option<Node> {
        let body = op.request_body.as_ref()?;
        let Some((body, body_at)) =
            resolve::request_body(self.api, body, format!("{at}/requestBody"))
        else {
            self.warn(
                "unresolved-ref",
                &format!("{at}/requestBody"),
                "the request body's `$ref` names no request body of this document".into(),
                "",
            );
            return None;
        };
        if !cap.has_body {
            self.warn(
                "body-not-in-capability",
                &body_at,
                "the document gives a request body the capability does not have; not typed".into(),
                "add an `in: body` parameter to the capability to send one",
            );
            return None;
        }
        self.stats.bodies += 1;
        let Some((content_type, media)) = BODY_TYPES
            .iter()
            .find_map(|t| body.content.get(*t).map(|m| (*t, m)))
        else {
            let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
            self.warn(
                "body-content-type",
                &body_at,
                format!(
                    "no body content type the client can send ({}); untyped JSON",
                    found.join(", ")
                ),
                "",
            );
            self.stats.untyped_bodies.push(cap.name.clone());
            return None;
        };
        let media_at = format!("{body_at}/content/{}", escape_pointer(content_type));
        let mut node = Node::map().with("required", Node::Bool(body.required));
        if content_type != BODY_TYPES[0] {
            node.set("content-type", Node::str(content_type));
        }
        if content_type == "application/octet-stream" {
            self.stats.typed_bodies += 1;
            return Some(node);
        }
        let schema = media.schema.as_ref().map(Src::of);
        match schema.and_then(|s| resolve::src(self.api, s, &format!("{media_at}/schema"))) {
            Some((schema, schema_at, component)) => {
                let multipart = content_type == "multipart/form-data";
                self.body_schema(cap, &mut node, schema, &schema_at, component, multipart);
            }
            None => self.stats.free_form_bodies.push(cap.name.clone()),
        }
        Some(node)
    }

    /// The `schema` (and `required`) of a body, by the kind of its schema.
    fn body_schema(
        &mut self,
        cap: &CapOp,
        node: &mut Node,
        schema: &'d openapiv3::Schema,
        at: &str,
        component: Option<String>,
        multipart: bool,
    ) {
        match classify(&Facts::of(schema)) {
            Kind::Object | Kind::AllOf => {
                let typed = self.object(schema, at, component.as_deref(), multipart);
                // A body with required properties is never empty, so it is always sent.
                if typed.get("required").is_some() {
                    node.set("required", Node::Bool(true));
                }
                node.set("schema", typed);
                self.stats.typed_bodies += 1;
            }
            Kind::FreeForm => self.stats.free_form_bodies.push(cap.name.clone()),
            // A list body (`CreateBulkInvitations`): always sent.
            Kind::Array(_) => {
                let typed = self.use_site(Src::Item(schema), at, &Site::default());
                node.set("required", Node::Bool(true));
                node.set("schema", typed);
                self.stats.typed_bodies += 1;
            }
            _ => {
                let message = "the body schema is not an object; the body is untyped JSON".into();
                self.warn("body-not-an-object", at, message, "");
                self.stats.untyped_bodies.push(cap.name.clone());
            }
        }
    }

    /// `response`/`x-response`/`x-paginate` of an operation; may add the
    /// `paginated` parameter of a list.
    pub(crate) fn response(
        &mut self,
        cap: &CapOp,
        op: &'d Operation,
        at: &str,
        params: &mut Node,
    ) -> Vec<(&'static str, Node)> {
        let (success, redirects) = self.success_responses(op, at);
        if success.is_empty() {
            if redirects > 0 {
                self.stats.redirect_responses += 1;
                return vec![("x-response", Node::str("redirect"))];
            }
            self.warn(
                "no-success-response",
                &format!("{at}/responses"),
                "no 2xx or 3xx response is documented; the response is untyped JSON".into(),
                "",
            );
            self.stats.untyped_responses.push(cap.name.clone());
            return Vec::new();
        }
        let with_content: Vec<_> = success
            .iter()
            .filter(|(r, ..)| !r.content.is_empty())
            .collect();
        // Some 2xx have a body and some (a 204) do not.
        let partly_empty = with_content.len() != success.len();
        let Some((response, response_at, _)) = with_content.first() else {
            self.stats.empty_responses += 1;
            return vec![("x-response", Node::str("empty"))];
        };
        let json = response.content.iter().find(|(t, _)| is_json(t));
        let Some((media_type, media)) = json else {
            if partly_empty {
                self.warn(
                    "several-success-responses",
                    &format!("{at}/responses"),
                    "some 2xx responses have a body and some do not; an empty one is the text \"\""
                        .into(),
                    "",
                );
            }
            self.stats.text_responses += 1;
            return vec![("x-response", Node::str("text"))];
        };
        let schema_at = format!(
            "{response_at}/content/{}/schema",
            escape_pointer(media_type)
        );
        let Some(schema) = &media.schema else {
            self.warn(
                "no-response-schema",
                &schema_at,
                "the JSON response has no schema; it is untyped JSON".into(),
                "",
            );
            self.stats.untyped_responses.push(cap.name.clone());
            return Vec::new();
        };
        let mut out = self.typed_response(cap, Src::of(schema), &schema_at, params);
        if partly_empty {
            // The body's type, or nothing: `Option<T>`.
            self.stats.optional_responses += 1;
            out.push(("x-response", Node::str("optional")));
        }
        out
    }

    /// The 2xx responses (resolved) and how many 3xx there are.
    fn success_responses(&self, op: &'d Operation, at: &str) -> (Vec<Found<'d>>, usize) {
        let mut success = Vec::new();
        let mut redirects = 0;
        for (code, response) in &op.responses.responses {
            let n = match code {
                StatusCode::Code(n) => *n,
                StatusCode::Range(n) => n * 100,
            };
            match n {
                200..=299 => {
                    let code_at = format!("{at}/responses/{code}");
                    success.extend(resolve::response(self.api, response, code_at));
                }
                300..=399 => redirects += 1,
                _ => {}
            }
        }
        (success, redirects)
    }

    fn typed_response(
        &mut self,
        cap: &CapOp,
        src: Src<'d>,
        at: &str,
        params: &mut Node,
    ) -> Vec<(&'static str, Node)> {
        let mut out = Vec::new();
        let bare_items = match resolve::src(self.api, src, at) {
            Some((schema, schema_at, _)) => match classify(&Facts::of(schema)) {
                Kind::Array(items) => Some((items, schema_at)),
                _ => None,
            },
            None => None,
        };
        let list = bare_items.is_some() && params.get("paginated").is_some();
        let response = match bare_items {
            Some((items, items_at)) if list => {
                // In place: the query keeps the document's order.
                if let Some(paginated) = params.get_mut("paginated") {
                    for key in ["type", "default", "x-required"] {
                        paginated.remove(key);
                    }
                    paginated.set("const", Node::Bool(true));
                }
                self.list_type(items, at, &items_at)
            }
            _ => self.use_site(src, at, &Site::default()),
        };
        if is_untyped(&response) {
            self.stats.untyped_responses.push(cap.name.clone());
        } else {
            self.stats.typed_responses += 1;
        }
        if let Some(paginate) = self.paginate(list, src, at, params) {
            self.stats.paginated += 1;
            out.push(("x-paginate", paginate));
        }
        out.insert(0, ("response", response));
        out
    }

    /// The list type of a bare-array response asked for with `paginated=true`:
    /// `{data: [T], total_count}`, that also decodes from the bare array.
    fn list_type(&mut self, items: Option<Src<'d>>, at: &str, array_at: &str) -> Node {
        let key = self.inline_key(at);
        if self.reserve(&key) {
            let items = match items {
                Some(items) => self.use_site(items, &format!("{array_at}/items"), &Site::default()),
                None => Node::map(),
            };
            let data = Node::map()
                .with("type", Node::str("array"))
                .with("items", items);
            let total = Node::map()
                .with(
                    "description",
                    Node::str("How many items match, over all pages."),
                )
                .with("type", Node::str("integer"))
                .with("format", Node::str("int64"));
            let node = Node::map()
                .with("description", Node::str("One page of the list (the list asked for with `paginated=true`; a bare array also decodes)."))
                .with("type", Node::str("object"))
                .with("required", Node::strs(["data", "total_count"]))
                .with("properties", Node::map().with("data", data).with("total_count", total))
                .with("x-bare-array", Node::str("data"));
            self.fill(&key, node);
        }
        reference(&key, false)
    }

    /// `x-paginate` when the response is `{data: [T], total_count}` (both
    /// required; a list type always is) and the operation takes `offset` (and
    /// `limit`, with a maximum).
    fn paginate(&self, list: bool, src: Src<'d>, at: &str, params: &Node) -> Option<Node> {
        if !list {
            let flat = flatten::object_props(self.api, src, at)?;
            let has = |name: &str, want: fn(&Kind<'_>) -> bool| {
                flat.props.iter().any(|p| {
                    p.name == name
                        && flat.required.iter().any(|r| r == name)
                        && !resolve::nullable(self.api, p.src)
                        && resolve::src(self.api, p.src, &p.at)
                            .is_some_and(|(s, ..)| want(&classify(&Facts::of(s))))
                })
            };
            if !(has("data", |k| matches!(k, Kind::Array(_)))
                && has("total_count", |k| matches!(k, Kind::Integer)))
            {
                return None;
            }
        }
        let uint32 = |name: &str| {
            params
                .get(name)
                .and_then(|p| p.get("format"))
                .and_then(Node::as_str)
                == Some("uint32")
        };
        if !uint32("offset") {
            return None;
        }
        let mut node = Node::map()
            .with("items", Node::str("data"))
            .with("total", Node::str("total_count"))
            .with("offset", Node::str("offset"));
        if uint32("limit") && params.get("limit").and_then(|l| l.get("maximum")).is_some() {
            node.set("limit", Node::str("limit"));
        }
        Some(node)
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a response schema is any JSON (`serde_json::Value`).
fn is_untyped(node: &Node) -> bool {
    node.get("$ref").is_none()
        && node.get("anyOf").is_none()
        && !matches!(node.get("type"), Some(Node::Str(t)) if t != "object")
        && node.get("additionalProperties").is_none()
        && !matches!(node.get("type"), Some(Node::Seq(_)))
}
