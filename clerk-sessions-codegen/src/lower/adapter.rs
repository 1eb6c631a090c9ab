//! One `consumes` adapter: its namespace, base URL and operations, with
//! what the typing file says about them.
//!
//! The adapter is read as the spec has it first ([`SpecAdapter`], while the
//! typing file is parsed on another thread), so that the operations' names
//! are known before the typing file's named types claim theirs; then
//! [`SpecAdapter::finish`] finishes each operation with its typing
//! (`typing`) and builds the module. Lowering goes on after every problem
//! (a missing namespace, a bad path) so that all of an adapter's problems
//! are reported together; the adapter only becomes a module when none of
//! them was an error.

use super::operation::{self, SpecOp};
use super::params;
use super::reader::{Ctx, Entry, Pos, pos};
use super::typing::Typing;
use crate::diagnostics::Waiver;
use crate::model::{Auth, BaseUrl, Module};
use crate::names;
use crate::spec;

/// An adapter as the spec has it, read on its own (while the typing file is
/// parsed): the module it becomes unless it had an error, and its
/// operations, which the typing file finishes.
#[derive(Clone, Debug)]
pub(crate) struct SpecAdapter {
    /// The adapter's namespace, when it is a string.
    pub(crate) namespace: Option<String>,
    /// The module's own parts; `None` after an error.
    pub(crate) head: Option<Head>,
    /// Its operations that had no error, in spec order.
    ops: Vec<SpecOp>,
    /// The names of all its operations, for the typing file's references.
    names: Vec<String>,
}

/// What a module has besides its operations and types.
#[derive(Clone, Debug)]
pub(crate) struct Head {
    pub(crate) namespace: String,
    pub(crate) ident: names::RustIdent,
    description: Option<String>,
    base_url: BaseUrl,
    auth: Auth,
}

impl SpecAdapter {
    /// Its operations that had no error, in spec order.
    #[cfg(feature = "openapi")]
    pub(crate) fn ops(&self) -> &[SpecOp] {
        &self.ops
    }

    /// How its requests are authenticated (`None` after an error).
    #[cfg(feature = "openapi")]
    pub(crate) fn auth(&self) -> Option<&Auth> {
        self.head.as_ref().map(|h| &h.auth)
    }

    /// The module, its operations finished with `typing` (the typing file,
    /// when it is for this adapter); `None` when the adapter had an error.
    /// The typing file is read even then, so that its problems are reported.
    pub(crate) fn finish(self, mut typing: Option<&mut Typing<'_, '_, '_>>) -> Option<Module> {
        let auth = typing.as_mut().and_then(|t| t.auth());
        let (operations, types) = match typing {
            Some(typing) => typing.lower_module(self.ops, &self.names),
            None => (
                self.ops.into_iter().map(SpecOp::untyped).collect(),
                Vec::new(),
            ),
        };
        let head = self.head?;
        Some(Module {
            namespace: head.namespace,
            ident: head.ident,
            description: head.description,
            base_url: head.base_url,
            auth: auth.unwrap_or(head.auth),
            operations,
            types,
        })
    }
}

/// Reads one adapter as the spec has it, reporting every problem.
pub(crate) fn lower(
    cx: &mut Ctx<'_, '_>,
    entry: &Entry<'_, spec::Consumes>,
    auth: Auth,
) -> SpecAdapter {
    let (a, path, at) = (entry.value, entry.path.as_str(), entry.at);
    let namespace_text = match a.namespace.as_ref().map(|n| &n.value) {
        Some(spec::Scalar::Str(namespace)) => Some(namespace.clone()),
        _ => None,
    };
    if a.import.is_some() || a.location.is_some() {
        cx.error(
            at,
            path,
            "imported adapters (`location`/`import`/`as`) are not supported".into(),
            "copy the adapter into this file, or generate the imported file on its own",
        );
        return SpecAdapter {
            namespace: namespace_text,
            head: None,
            ops: Vec::new(),
            names: Vec::new(),
        };
    }
    let mut ok = check_kind(cx, a, path, at);
    let namespace = cx.string(&a.namespace, &format!("{path}.namespace"), at, true);
    let ident = namespace
        .as_deref()
        .and_then(|namespace| module_ident(cx, a, path, at, namespace));
    let base_url = lower_base_url(cx, a, path, at);
    let description = cx.text(&a.description, &format!("{path}.description"));
    let (ops, names) = operations(cx, a, path, at);
    ok &= ops.iter().all(Option::is_some);
    let head = match (namespace, ident, base_url) {
        (Some(namespace), Some(ident), Some(base_url)) if ok => Some(Head {
            namespace,
            ident,
            description,
            base_url,
            auth,
        }),
        _ => None,
    };
    SpecAdapter {
        namespace: namespace_text,
        head,
        ops: ops.into_iter().flatten().collect(),
        names,
    }
}

/// The adapter's `type` must be `http`; it must not have an `authentication` block.
fn check_kind(cx: &mut Ctx<'_, '_>, a: &spec::Consumes, path: &str, at: Pos) -> bool {
    let kind = cx.string(&a.kind, &format!("{path}.type"), at, true);
    let mut ok = kind.is_some();
    if let Some(kind) = &kind
        && kind != "http"
    {
        cx.error(
            a.kind.as_ref().map_or(at, |k| pos(&k.referenced)),
            &format!("{path}.type"),
            format!("unsupported adapter type `{kind}`"),
            "only `type: http` adapters can be generated",
        );
        ok = false;
    }
    if let Some(auth_block) = &a.authentication {
        cx.error(
            pos(&auth_block.referenced),
            &format!("{path}.authentication"),
            "`authentication` blocks are not supported".into(),
            "remove it: the client authenticates from the key named in `binds`",
        );
        ok = false;
    }
    ok
}

fn module_ident(
    cx: &mut Ctx<'_, '_>,
    a: &spec::Consumes,
    path: &str,
    at: Pos,
    namespace: &str,
) -> Option<names::RustIdent> {
    match names::value_ident(namespace) {
        Ok(ident) => Some(ident),
        Err(_) => {
            cx.error(
                a.namespace.as_ref().map_or(at, |n| pos(&n.referenced)),
                &format!("{path}.namespace"),
                format!(
                    "namespace `{namespace}` cannot become a module name: it has no ASCII letters or digits"
                ),
                "use a kebab-case namespace such as `clerk-backend-api-sessions`",
            );
            None
        }
    }
}

/// The adapter's operations as the spec has them, in spec order (`None` for
/// each one, or resource, that had an error), and the names of all of them.
fn operations(
    cx: &mut Ctx<'_, '_>,
    a: &spec::Consumes,
    path: &str,
    at: Pos,
) -> (Vec<Option<SpecOp>>, Vec<String>) {
    let inherited = params::inherited(
        cx,
        a.input_parameters.as_ref(),
        &format!("{path}.inputParameters"),
    );
    if a.resources.is_none() {
        cx.warning(
            at,
            &format!("{path}.resources"),
            "this adapter has no `resources`: it generates a module without operations".into(),
            "add `resources:` with the API's paths and operations",
        );
    }
    let mut scopes = operation::OpScopes::new();
    let resources_path = format!("{path}.resources");
    let (mut out, mut names) = (Vec::new(), Vec::new());
    for resource in cx.list(a.resources.as_ref(), &resources_path) {
        for lowered in operation::lower_resource(cx, &resource, &inherited) {
            names.extend(lowered.name);
            out.push(match lowered.op.map(|op| scopes.claim(op)) {
                Some(Ok(op)) => Some(op),
                Some(Err(clash)) => {
                    cx.error(
                        lowered.name_at,
                        &format!("{}.name", lowered.path),
                        format!("operation names collide after conversion: {clash}"),
                        "rename one of the operations: each needs its own method name",
                    );
                    None
                }
                None => None,
            });
        }
    }
    (out, names)
}

/// The base URL without a trailing `/`; `None` after an error.
fn lower_base_url(
    cx: &mut Ctx<'_, '_>,
    a: &spec::Consumes,
    path: &str,
    at: Pos,
) -> Option<BaseUrl> {
    let yaml_path = format!("{path}.baseUri");
    let Some(raw) = cx.string(&a.base_uri, &yaml_path, at, false) else {
        if a.base_uri.is_none() {
            cx.error(
                at,
                &yaml_path,
                "missing `baseUri`".into(),
                "add `baseUri: https://api.clerk.com/v1`, or `baseUri: ''` when callers must supply the host",
            );
        }
        return None;
    };
    let value_at = a.base_uri.as_ref().map_or(at, |b| pos(&b.referenced));
    if raw.is_empty() {
        return Some(BaseUrl::None);
    }
    let (https, rest) = match raw.strip_prefix("https://") {
        Some(rest) => (true, Some(rest)),
        None => (false, raw.strip_prefix("http://")),
    };
    let valid = rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !raw.contains(['?', '#', '{', '}', ' ', '"', '\\', '`'])
        && !raw.chars().any(char::is_control);
    if !valid {
        cx.error(
            value_at,
            &yaml_path,
            format!("`{raw}` is not an http(s) base URL"),
            "write an absolute URL such as `https://api.clerk.com/v1`, without query or placeholders",
        );
        return None;
    }
    let loopback = rest.is_some_and(is_loopback);
    let url = match raw.strip_suffix('/') {
        Some(trimmed) => {
            cx.warning(
                value_at,
                &yaml_path,
                "`baseUri` ends with `/`; the slash is dropped".into(),
                "resource paths start with `/`, so base URIs must not end with one",
            );
            trimmed.to_owned()
        }
        None => raw,
    };
    if https {
        return Some(BaseUrl::Https(url));
    }
    if !loopback {
        cx.waivable(
            Waiver::InsecureHttp,
            value_at,
            &yaml_path,
            format!("`{url}` is plain http to a host that is not a loopback address: the secret key would travel in clear text"),
            "use `https://`; if the host really is reached over a trusted network, allow it with `Config::allow_insecure_http(true)` (`--allow-insecure-http`), and the client must then be built with `allow_insecure_http(true)` too",
        );
    }
    Some(BaseUrl::Http(url))
}

/// Whether the authority that starts `rest` (`host[:port]/...`) is a loopback
/// address: `localhost`, `127.x.x.x` or `[::1]`.
fn is_loopback(rest: &str) -> bool {
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = match authority.strip_prefix('[') {
        Some(v6) => return v6.split(']').next() == Some("::1"),
        None => authority.split(':').next().unwrap_or(authority),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}
