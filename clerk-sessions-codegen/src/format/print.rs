//! Tokens → readable source without a Rust parser, so that every build script
//! that runs the generator compiles neither `syn` nor `prettyplease`.
//!
//! The printer only decides where whitespace goes between the emitter's
//! tokens, never which tokens there are: items and statements start on their
//! own line, a brace group's contents are indented one level and split after
//! `;`, after a top-level `,` and after attributes, and spaces follow the
//! usual style (`a::b`, `f(x)`, `Vec<T>`, `&'a str`, `x: T`, `a = b`). Two
//! tokens are written without a space between them only where they cannot
//! lex as one (or Rust splits them again, as `>>` in `Vec<Vec<T>>`), so the
//! text reads back as exactly the same tokens; the tests check that on every
//! golden file. Doc attributes are printed as `///` lines.

use proc_macro2::{Delimiter, Group, Literal, Spacing, TokenStream, TokenTree};

/// Prints a file's items.
pub(crate) fn print(tokens: TokenStream) -> String {
    let mut printer = Printer::default();
    printer.block(tokens, 0);
    printer.end_line();
    printer.out
}

#[derive(Default)]
struct Printer {
    out: String,
    /// What the current line ends with; `None` at a line start.
    last: Option<Last>,
    /// Between the `|`s of a closure's parameters.
    closure_params: bool,
    /// Generic `<`s not closed yet on this group's level: a `,` inside them
    /// does not end a line.
    angles: usize,
}

/// The end of the current line, as spacing needs to know it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// An identifier or literal; `path_keyword`: one a path may follow with a
    /// space (`use ::std`, `impl ::x::Y`).
    Word { path_keyword: bool },
    /// A closing `)`, `]` or `}`.
    Close,
    /// An opening `(` or `[`, or a generic `<`: nothing follows with a space.
    Open,
    /// `->` or `=>`.
    Arrow,
    /// A generic `>`.
    GenericClose,
    /// The `::` of a path: nothing follows with a space.
    PathSep,
    /// Any other punctuation character, and whether it joins the next one.
    Punct(char, Spacing),
}

/// Keywords a path starting with `::` may follow.
const PATH_KEYWORDS: &[&str] = &[
    "use", "impl", "for", "as", "dyn", "in", "where", "return", "mut", "pub", "static", "const",
    "let", "else", "move", "type",
];

impl Printer {
    fn end_line(&mut self) {
        if self.last.is_some() {
            self.out.push('\n');
            self.last = None;
        }
    }

    fn indent(&mut self, indent: usize) {
        if self.last.is_none() {
            self.out.extend(std::iter::repeat_n("    ", indent));
        }
    }

    /// Items or statements: one per line, attributes on lines of their own.
    fn block(&mut self, tokens: TokenStream, indent: usize) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while let Some(tree) = trees.get(i) {
            if let (TokenTree::Punct(hash), Some(TokenTree::Group(g))) = (tree, trees.get(i + 1))
                && hash.as_char() == '#'
                && g.delimiter() == Delimiter::Bracket
            {
                self.end_line();
                self.indent(indent);
                self.attribute(g, indent);
                self.end_line();
                i += 2;
                continue;
            }
            let next = trees.get(i + 1);
            self.tree(tree, next, indent);
            if self.angles == 0 && ends_line(tree, next) {
                self.end_line();
            }
            i += 1;
        }
    }

    /// `#[..]`, or `///` for a doc attribute holding a plain string.
    fn attribute(&mut self, group: &Group, indent: usize) {
        let inner: Vec<TokenTree> = group.stream().into_iter().collect();
        if let [
            TokenTree::Ident(doc),
            TokenTree::Punct(eq),
            TokenTree::Literal(lit),
        ] = inner.as_slice()
            && doc == "doc"
            && eq.as_char() == '='
            && let Some(text) = doc_text(lit)
        {
            self.out.push_str("///");
            self.out.push_str(&text);
            self.last = Some(Last::Close);
            return;
        }
        self.out.push('#');
        self.last = Some(Last::Punct('#', Spacing::Joint));
        self.group(group, indent);
    }

    /// One token, spaced after what came before.
    fn tree(&mut self, tree: &TokenTree, next: Option<&TokenTree>, indent: usize) {
        self.indent(indent);
        match tree {
            TokenTree::Group(g) => {
                if self
                    .last
                    .is_some_and(|last| space_before_group(last, g.delimiter()))
                {
                    self.out.push(' ');
                }
                self.group(g, indent);
            }
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                self.word(&text, PATH_KEYWORDS.contains(&text.as_str()));
            }
            TokenTree::Literal(lit) => self.word(&lit.to_string(), false),
            TokenTree::Punct(p) => self.punct(p.as_char(), p.spacing(), next),
        }
    }

    fn word(&mut self, text: &str, path_keyword: bool) {
        if self.last.is_some_and(space_before_word) {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.last = Some(Last::Word { path_keyword });
    }

    fn punct(&mut self, c: char, spacing: Spacing, next: Option<&TokenTree>) {
        let Some(last) = self.last else {
            self.out.push(c);
            // `&` and `!` hold on to what follows (`&x`, `!x`).
            let spacing = if matches!(c, '&' | '!') {
                Spacing::Joint
            } else {
                spacing
            };
            self.last = Some(Last::Punct(c, spacing));
            return;
        };
        if c == '|' {
            self.pipe(last, spacing);
            return;
        }
        if c == ':' && last == Last::Punct(':', Spacing::Joint) {
            self.out.push(c);
            self.last = Some(Last::PathSep);
            return;
        }
        let generic = match c {
            '<' => matches!(last, Last::Word { .. } | Last::PathSep | Last::GenericClose),
            '>' => !matches!(last, Last::Punct('-' | '=', Spacing::Joint)),
            _ => false,
        };
        if space_before_punct(last, c, spacing, generic) {
            self.out.push(' ');
        }
        self.out.push(c);
        if generic {
            if c == '<' {
                self.angles += 1;
            } else {
                self.angles = self.angles.saturating_sub(1);
            }
        }
        self.last = Some(match c {
            '<' if generic => Last::Open,
            '>' if generic => Last::GenericClose,
            '>' => Last::Arrow,
            // `&` and `!` hold on to what follows (`&x`, `&'a`, `!x`).
            '&' | '!' if !matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == '=') => {
                Last::Punct(c, Spacing::Joint)
            }
            _ => Last::Punct(c, spacing),
        });
    }

    /// A closure's `|`: `|a, b| body`, `|| body`, `move |x| body`.
    fn pipe(&mut self, last: Last, spacing: Spacing) {
        let joined = last == Last::Punct('|', Spacing::Joint);
        if self.closure_params || joined {
            // Closing the parameters (or the second `|` of `||`): the body follows.
            self.closure_params = false;
            self.out.push('|');
            self.last = Some(Last::Punct('|', Spacing::Alone));
            return;
        }
        if !matches!(last, Last::Open | Last::PathSep)
            && !matches!(last, Last::Punct(_, Spacing::Joint))
        {
            self.out.push(' ');
        }
        self.out.push('|');
        if spacing == Spacing::Joint {
            // `||`: no parameters; the next `|` closes.
            self.last = Some(Last::Punct('|', Spacing::Joint));
        } else {
            self.closure_params = true;
            self.last = Some(Last::Open);
        }
    }

    fn group(&mut self, group: &Group, indent: usize) {
        let (open, close) = match group.delimiter() {
            Delimiter::Parenthesis => ('(', ')'),
            Delimiter::Bracket => ('[', ']'),
            Delimiter::Brace => ('{', '}'),
            Delimiter::None => {
                self.inline(group.stream(), indent);
                return;
            }
        };
        // A use tree (`use a::{B, C};`) stays on its line.
        let use_tree = self.last == Some(Last::PathSep);
        self.out.push(open);
        let angles = std::mem::take(&mut self.angles);
        if group.delimiter() == Delimiter::Brace && !group.stream().is_empty() && !use_tree {
            self.last = Some(Last::Open);
            self.end_line();
            self.block(group.stream(), indent + 1);
            self.end_line();
            self.indent(indent);
        } else {
            self.last = Some(Last::Open);
            self.inline(group.stream(), indent);
        }
        self.out.push(close);
        self.angles = angles;
        self.last = Some(Last::Close);
    }

    /// Tokens inside `(..)` or `[..]`: on one line, unless they hold braces.
    fn inline(&mut self, tokens: TokenStream, indent: usize) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            self.tree(tree, trees.get(i + 1), indent);
        }
    }
}

/// Whether a line of a block ends after `tree`: after `;`, a top-level `,`,
/// and a brace group that ends an item or statement.
fn ends_line(tree: &TokenTree, next: Option<&TokenTree>) -> bool {
    match tree {
        TokenTree::Punct(p) => matches!(p.as_char(), ';' | ','),
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => match next {
            Some(TokenTree::Punct(p)) => !matches!(p.as_char(), ',' | ';' | '.' | '?'),
            Some(TokenTree::Ident(id)) => id != "else",
            _ => true,
        },
        _ => false,
    }
}

fn space_before_word(last: Last) -> bool {
    match last {
        Last::Word { .. } | Last::Close | Last::Arrow | Last::GenericClose => true,
        Last::Open | Last::PathSep => false,
        Last::Punct(c, spacing) => spacing == Spacing::Alone && !matches!(c, '.' | '#'),
    }
}

fn space_before_group(last: Last, delimiter: Delimiter) -> bool {
    let call = matches!(delimiter, Delimiter::Parenthesis | Delimiter::Bracket);
    match last {
        Last::Open | Last::PathSep => false,
        // `f(..)`, `x[0]`, `Some(..)`, `m!(..)`.
        Last::Word { .. } | Last::Close | Last::GenericClose => !call,
        Last::Arrow => true,
        Last::Punct(_, Spacing::Joint) => false,
        Last::Punct(c, Spacing::Alone) => !matches!(c, '.' | '#'),
    }
}

fn space_before_punct(last: Last, c: char, spacing: Spacing, generic: bool) -> bool {
    if let Last::Punct(_, Spacing::Joint) | Last::Open | Last::PathSep = last {
        return false;
    }
    match c {
        ',' | ';' | '.' | '?' => false,
        // `::` starts a path: `Foo::bar`, `<::x>`, but `use ::std`, `= ::x`.
        ':' if spacing == Spacing::Joint => match last {
            Last::Word { path_keyword } => path_keyword,
            // `f()::x` does not occur; `impl<'de> ::serde::Deserialize` does.
            Last::Close => false,
            _ => true,
        },
        // `x: T`.
        ':' => false,
        '<' | '>' if generic => false,
        // `m!`, `!x`.
        '!' => !matches!(last, Last::Word { .. }),
        _ => true,
    }
}

/// The text of a doc string when a `///` line says the same: the emitter's
/// doc lines hold no line break or control character, so the only escapes
/// are `\"`, `\'` and `\\`; anything else keeps the attribute form.
fn doc_text(lit: &Literal) -> Option<String> {
    let repr = lit.to_string();
    if let Some(raw) = repr.strip_prefix('r') {
        // `r"…"` or `r#"…"#`: the text as it is.
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let fence = "#".repeat(hashes);
        let inner = raw
            .strip_prefix(fence.as_str())?
            .strip_prefix('"')?
            .strip_suffix(fence.as_str())?
            .strip_suffix('"')?;
        return Some(inner.to_owned());
    }
    let inner = repr.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                c @ ('"' | '\'' | '\\') => out.push(c),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
