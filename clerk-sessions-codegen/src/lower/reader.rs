//! Reading lenient [`Scalar`]s into the types lowering needs, with a diagnostic
//! for every value of the wrong type.

pub(crate) use crate::diagnostics::Pos;
use crate::diagnostics::{Sink, Waiver};
use crate::spec::{List, Node, Scalar, Shaped, Spanned};

/// One mapping of a list in the file, with its YAML path and position.
pub(crate) struct Entry<'a, T> {
    /// E.g. `capability.consumes[0]`.
    pub(crate) path: String,
    /// Where the entry starts.
    pub(crate) at: Pos,
    /// The entry.
    pub(crate) value: &'a T,
}

/// The last key of a YAML path: `inputParameters` for `a[0].inputParameters`.
fn last_key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// The position of a spanned value.
pub(crate) fn pos(loc: &crate::yaml::Location) -> Pos {
    Pos::of(loc)
}

/// Lowering context: the diagnostics sink and typed readers over it.
pub(crate) struct Ctx<'s, 'a> {
    sink: &'s mut Sink<'a>,
}

impl<'s, 'a> Ctx<'s, 'a> {
    pub(crate) fn new(sink: &'s mut Sink<'a>) -> Self {
        Ctx { sink }
    }

    pub(crate) fn error(&mut self, at: Pos, path: &str, message: String, help: &str) {
        self.sink.error(at, path, message, help);
    }

    pub(crate) fn warning(&mut self, at: Pos, path: &str, message: String, help: &str) {
        self.sink.warning(at, path, message, help);
    }

    /// An error the caller may turn into a warning by a setting (`waiver`).
    pub(crate) fn waivable(
        &mut self,
        waiver: Waiver,
        at: Pos,
        path: &str,
        message: String,
        help: &str,
    ) {
        self.sink.waivable(waiver, at, path, message, help);
    }

    /// A mapping, or `None` (with an error) when the file has something else there.
    pub(crate) fn node<'n, T>(
        &mut self,
        node: Option<&'n Node<T>>,
        path: &str,
    ) -> Option<(Pos, &'n T)> {
        let node = node?;
        let at = pos(&node.referenced);
        match &node.value {
            Shaped::Ok(value) => Some((at, value)),
            Shaped::Wrong(found) => {
                self.error(
                    at,
                    path,
                    format!("`{}` must be a mapping, found {found}", last_key(path)),
                    "write its keys on the lines below it, indented",
                );
                None
            }
        }
    }

    /// The mappings of a list; an absent list is empty. A list that is not a
    /// list, and entries that are not mappings, are errors and are skipped.
    pub(crate) fn list<'n, T>(
        &mut self,
        list: Option<&'n List<T>>,
        path: &str,
    ) -> Vec<Entry<'n, T>> {
        let Some(list) = list else {
            return Vec::new();
        };
        let key = last_key(path);
        let items = match &list.value {
            Shaped::Ok(items) => items,
            Shaped::Wrong(found) => {
                self.error(
                    pos(&list.referenced),
                    path,
                    format!("`{key}` must be a list, found {found}"),
                    "start each entry on its own line with `- `",
                );
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{path}[{i}]");
            let at = pos(&item.referenced);
            match &item.value {
                Shaped::Ok(value) => out.push(Entry { path, at, value }),
                Shaped::Wrong(found) => self.error(
                    at,
                    &path,
                    format!("each entry of `{key}` must be a mapping, found {found}"),
                    "write the entry's keys, e.g. `- name: ...`",
                ),
            }
        }
        out
    }

    /// A string value. A missing key is an error when `required` (reported at
    /// `parent`, the enclosing mapping); a value of another type always is.
    pub(crate) fn string(
        &mut self,
        value: &Option<Spanned<Scalar>>,
        path: &str,
        parent: Pos,
        required: bool,
    ) -> Option<String> {
        match value {
            None => {
                if required {
                    let key = last_key(path);
                    self.error(
                        parent,
                        path,
                        format!("missing required key `{key}`"),
                        &format!("add `{key}:` to this entry"),
                    );
                }
                None
            }
            Some(v) => match &v.value {
                Scalar::Str(s) => Some(s.clone()),
                other => {
                    let key = last_key(path);
                    self.error(
                        pos(&v.referenced),
                        path,
                        format!("`{key}` must be a string, found {}", other.kind()),
                        "quote the value if it is meant as text",
                    );
                    None
                }
            },
        }
    }

    /// Free text (descriptions): a string, or absent; empty text counts as absent.
    pub(crate) fn text(&mut self, value: &Option<Spanned<Scalar>>, path: &str) -> Option<String> {
        let v = value.as_ref()?;
        match &v.value {
            Scalar::Str(s) if s.trim().is_empty() => None,
            Scalar::Str(s) => Some(s.clone()),
            Scalar::Null => None,
            Scalar::Int(i) => Some(i.to_string()),
            Scalar::Float(f) => Some(f.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            other => {
                self.error(
                    pos(&v.referenced),
                    path,
                    format!("a description must be text, found {}", other.kind()),
                    "write the description as a (quoted) string",
                );
                None
            }
        }
    }

    /// A boolean, defaulting to `default` when absent.
    pub(crate) fn boolean(
        &mut self,
        value: &Option<Spanned<Scalar>>,
        path: &str,
        default: bool,
    ) -> bool {
        match value {
            None => default,
            Some(v) => match &v.value {
                Scalar::Bool(b) => *b,
                other => {
                    let key = last_key(path);
                    self.error(
                        pos(&v.referenced),
                        path,
                        format!("`{key}` must be true or false, found {}", other.kind()),
                        "write `true` or `false`, unquoted",
                    );
                    default
                }
            },
        }
    }
}
