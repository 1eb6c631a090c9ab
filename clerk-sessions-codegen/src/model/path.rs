//! Path templates: `/sessions/{session_id}/tokens/{template_name}`.

/// A path template, split into literal text and placeholders.
///
/// A placeholder may be a whole segment (`/sessions/{id}`) or only part of one
/// (`/metadata/{id}.xml`); both `{name}` and Mustache `{{name}}` are recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    /// The template exactly as written in the spec.
    pub raw: String,
    /// Literal pieces and placeholders, in order.
    pub parts: Vec<PathPart>,
}

/// One piece of a [`PathTemplate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as is.
    Literal(String),
    /// A placeholder, by its wire name.
    Placeholder(String),
}

/// Why a path template could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathError {
    /// A `{` without its `}`.
    Unclosed {
        /// Byte offset of the `{`.
        at: usize,
    },
    /// A `}` without its `{`.
    Unopened {
        /// Byte offset of the `}`.
        at: usize,
    },
    /// `{}`, or a name with characters the format does not allow.
    BadName {
        /// The text between the braces.
        name: String,
    },
    /// The path does not start with `/`.
    NoLeadingSlash,
    /// The path has a `?` or `#`.
    QueryOrFragment,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathError::Unclosed { at } => write!(f, "`{{` at offset {at} is never closed"),
            PathError::Unopened { at } => write!(f, "`}}` at offset {at} has no opening `{{`"),
            PathError::BadName { name } => write!(f, "`{{{name}}}` is not a valid placeholder"),
            PathError::NoLeadingSlash => f.write_str("a resource path must start with `/`"),
            PathError::QueryOrFragment => {
                f.write_str("a resource path must not contain `?` or `#`")
            }
        }
    }
}

impl PathTemplate {
    /// Parses a template.
    pub fn parse(raw: &str) -> Result<PathTemplate, PathError> {
        if !raw.is_empty() && !raw.starts_with('/') {
            return Err(PathError::NoLeadingSlash);
        }
        if raw.contains(['?', '#']) {
            return Err(PathError::QueryOrFragment);
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = raw;
        let mut offset = 0;
        while let Some(c) = rest.chars().next() {
            match c {
                '{' => {
                    let double = rest.starts_with("{{");
                    let (open, close) = if double { ("{{", "}}") } else { ("{", "}") };
                    let inner = &rest[open.len()..];
                    let end = inner
                        .find(close)
                        .ok_or(PathError::Unclosed { at: offset })?;
                    let name = &inner[..end];
                    let valid = !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '*'));
                    if !valid {
                        return Err(PathError::BadName {
                            name: name.to_owned(),
                        });
                    }
                    if !literal.is_empty() {
                        parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(PathPart::Placeholder(name.to_owned()));
                    let consumed = open.len() + end + close.len();
                    rest = &rest[consumed..];
                    offset += consumed;
                }
                '}' => return Err(PathError::Unopened { at: offset }),
                _ => {
                    literal.push(c);
                    rest = &rest[c.len_utf8()..];
                    offset += c.len_utf8();
                }
            }
        }
        if !literal.is_empty() {
            parts.push(PathPart::Literal(literal));
        }
        Ok(PathTemplate {
            raw: raw.to_owned(),
            parts,
        })
    }

    /// Placeholder names in order of appearance.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            PathPart::Placeholder(name) => Some(name.as_str()),
            PathPart::Literal(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &str) -> Vec<PathPart> {
        match PathTemplate::parse(raw) {
            Ok(t) => t.parts,
            Err(e) => vec![PathPart::Literal(format!("ERR {e}"))],
        }
    }
    fn lit(s: &str) -> PathPart {
        PathPart::Literal(s.into())
    }
    fn ph(s: &str) -> PathPart {
        PathPart::Placeholder(s.into())
    }

    #[test]
    fn whole_segments() {
        assert_eq!(
            parts("/sessions/{session_id}/tokens/{template_name}"),
            vec![
                lit("/sessions/"),
                ph("session_id"),
                lit("/tokens/"),
                ph("template_name")
            ]
        );
    }

    #[test]
    fn partial_segments_and_mustache() {
        assert_eq!(
            parts("/metadata/{id}.xml"),
            vec![lit("/metadata/"), ph("id"), lit(".xml")]
        );
        assert_eq!(
            parts("/{a}-{b}"),
            vec![lit("/"), ph("a"), lit("-"), ph("b")]
        );
        assert_eq!(parts("/x/{{name}}"), vec![lit("/x/"), ph("name")]);
    }

    #[test]
    fn literal_only_and_dots() {
        assert_eq!(
            parts("/.well-known/jwks.json"),
            vec![lit("/.well-known/jwks.json")]
        );
        assert_eq!(parts(""), Vec::<PathPart>::new());
    }

    #[test]
    fn errors() {
        assert_eq!(
            PathTemplate::parse("/a/{id"),
            Err(PathError::Unclosed { at: 3 })
        );
        assert_eq!(
            PathTemplate::parse("/a/id}"),
            Err(PathError::Unopened { at: 5 })
        );
        assert!(matches!(
            PathTemplate::parse("/a/{}"),
            Err(PathError::BadName { .. })
        ));
        assert!(matches!(
            PathTemplate::parse("/a/{a b}"),
            Err(PathError::BadName { .. })
        ));
        assert_eq!(PathTemplate::parse("a/b"), Err(PathError::NoLeadingSlash));
        assert_eq!(
            PathTemplate::parse("/a?b=1"),
            Err(PathError::QueryOrFragment)
        );
    }
}
