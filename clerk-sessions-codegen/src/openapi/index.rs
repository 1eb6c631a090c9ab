//! What every capability of one document shares, computed once per document:
//! where each operation is, the ID newtypes, which schemas responses reach
//! (their enums are open), and the names of inline types.

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::{OpenAPI, Parameter};

use super::facts::Src;
use super::namer;
use super::resolve;

/// The per-document index.
pub(crate) struct Index {
    /// `(METHOD, path with placeholders as {})` → `(path, method)` of each match.
    ops: HashMap<(String, String), Vec<(String, String)>>,
    /// `*_id` path parameter → its ID type (`user_id` → `UserId`), over the
    /// whole document, so that a component reads the same in every capability.
    pub(crate) ids: BTreeMap<String, String>,
    /// Component schemas some response reaches (transitively).
    pub(crate) in_responses: HashSet<String>,
    /// JSON pointer of an inline schema → its `$defs` key.
    pub(crate) names: HashMap<String, String>,
}

impl Index {
    pub(crate) fn build(api: &OpenAPI) -> Index {
        let mut ops: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
        let mut ids = BTreeMap::new();
        for (path, method, at, op) in resolve::operations(api) {
            ops.entry((method.to_ascii_uppercase(), normalize(path)))
                .or_default()
                .push((path.to_owned(), method.to_owned()));
            for (i, param) in op.parameters.iter().enumerate() {
                let Some((Parameter::Path { parameter_data, .. }, _)) =
                    resolve::parameter(api, param, format!("{at}/parameters/{i}"))
                else {
                    continue;
                };
                if parameter_data.name.ends_with("_id") {
                    ids.entry(parameter_data.name.clone())
                        .or_insert_with(|| id_type(&parameter_data.name));
                }
            }
        }
        let names = namer::name_all(api, ids.values());
        Index {
            ops,
            ids,
            in_responses: in_responses(api),
            names,
        }
    }

    /// The operations at `METHOD path` (placeholders compared by position).
    pub(crate) fn find(&self, method: &str, path: &str) -> &[(String, String)] {
        self.ops
            .get(&(method.to_ascii_uppercase(), normalize(path)))
            .map_or(&[], Vec::as_slice)
    }
}

/// The ID type of a parameter: `user_id` → `UserId`.
pub(crate) fn id_type(param: &str) -> String {
    crate::names::pascal_case(param)
}

/// The path with every `{placeholder}` as `{}`.
pub(crate) fn normalize(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            c if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every component schema that a response of some operation reaches.
fn in_responses(api: &OpenAPI) -> HashSet<String> {
    let mut pending = Vec::new();
    for (_, _, at, op) in resolve::operations(api) {
        let responses = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| (code.to_string(), r));
        let default = op
            .responses
            .default
            .iter()
            .map(|r| ("default".to_owned(), r));
        for (code, response) in responses.chain(default) {
            let Some((response, ..)) =
                resolve::response(api, response, format!("{at}/responses/{code}"))
            else {
                continue;
            };
            for media in response.content.values() {
                if let Some(schema) = &media.schema {
                    resolve::refs_in(Src::of(schema), &mut |name| pending.push(name));
                }
            }
        }
    }
    let mut seen = HashSet::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some((_, schema)) = resolve::schema(api, &name) {
            resolve::refs_in(Src::Item(schema), &mut |next| pending.push(next));
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::{id_type, normalize};

    #[test]
    fn placeholders_compare_by_position() {
        assert_eq!(normalize("/users/{user_id}/x/{id}"), "/users/{}/x/{}");
        assert_eq!(normalize("/a/"), "/a");
        assert_eq!(id_type("organization_id"), "OrganizationId");
    }
}
