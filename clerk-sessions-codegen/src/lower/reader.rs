//! Reading lenient [`Scalar`]s into the types lowering needs, with a diagnostic
//! for every value of the wrong type.

pub(crate) use crate::diagnostics::Pos;
use crate::diagnostics::Sink;
use crate::spec::{Scalar, Spanned};

/// The position of a spanned value.
pub(crate) fn pos(loc: &serde_saphyr::Location) -> Pos {
    Pos {
        line: loc.line(),
        column: loc.column(),
    }
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
                    let key = path.rsplit('.').next().unwrap_or(path);
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
                    let key = path.rsplit('.').next().unwrap_or(path);
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
                    let key = path.rsplit('.').next().unwrap_or(path);
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
