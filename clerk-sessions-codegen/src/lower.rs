//! Spec → model. Every problem goes into one diagnostics sink; lowering goes on
//! after a problem so that the user sees all of them at once.

mod params;
mod reader;

use crate::diagnostics::{Diagnostics, Sink};
use crate::model::{Api, Auth, Method, Module, Operation, PathTemplate, TypeRef};
use crate::names::{self, Scope};
use crate::spec::{self, Spanned};

pub(crate) use params::RESERVED_PARAMS;
pub(crate) use reader::{Ctx, pos};

/// Names the emitters use inside a module; no type of the spec may take them.
pub(crate) const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Value",
    "BTreeMap",
];

/// Lowers a parsed document.
pub(crate) fn lower(doc: &Spanned<spec::Document>, sink: &mut Sink<'_>) -> Api {
    let mut cx = Ctx::new(sink);
    check_version(&mut cx, doc);
    let auth = lower_binds(&mut cx, &doc.value);

    let mut adapters = Vec::new();
    if let Some(list) = &doc.value.consumes {
        adapters.extend(
            list.value
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("consumes[{i}]"), a)),
        );
    }
    let capability = doc.value.capability.as_ref();
    if let Some(list) = capability.and_then(|c| c.value.consumes.as_ref()) {
        adapters.extend(
            list.value
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("capability.consumes[{i}]"), a)),
        );
    }
    if adapters.is_empty() {
        let at = capability.map_or(pos(&doc.referenced), |c| pos(&c.referenced));
        cx.warning(
            at,
            "capability",
            "this capability consumes no HTTP API (a workflow file?): there is nothing to generate"
                .into(),
            "only `consumes` adapters with `resources` and `operations` produce client code",
        );
    }

    let mut modules = Vec::new();
    let mut module_scope = Scope::new(&[]);
    for (path, adapter) in adapters {
        let Some(module) = lower_adapter(&mut cx, &path, adapter, auth.clone()) else {
            continue;
        };
        match module_scope.claim_exact(module.ident.clone(), &module.namespace) {
            Ok(_) => {}
            Err(clash) => {
                cx.error(
                    pos(&adapter.referenced),
                    &format!("{path}.namespace"),
                    format!("two adapters have the same module name: {clash}"),
                    "give each adapter a distinct `namespace`",
                );
                continue;
            }
        }
        modules.push(module);
    }
    Api { modules }
}

fn check_version(cx: &mut Ctx<'_, '_>, doc: &Spanned<spec::Document>) {
    let Some(version) = &doc.value.naftiko else {
        cx.error(
            pos(&doc.referenced),
            "naftiko",
            "missing the `naftiko` version marker".into(),
            "start the file with `naftiko: 1.0.0-alpha2`",
        );
        return;
    };
    let text = match &version.value {
        spec::Scalar::Str(s) => s.clone(),
        spec::Scalar::Float(f) => f.to_string(),
        spec::Scalar::Int(i) => i.to_string(),
        other => {
            cx.error(
                pos(&version.referenced),
                "naftiko",
                format!(
                    "the version marker must be a string, found {}",
                    other.kind()
                ),
                "write `naftiko: 1.0.0-alpha2`",
            );
            return;
        }
    };
    if text == "1.0.0-alpha2" {
        return;
    }
    if text.starts_with("1.0.0-alpha") {
        cx.warning(
            pos(&version.referenced),
            "naftiko",
            format!("naftiko version `{text}` is read as 1.0.0-alpha2"),
            "the consume side has not changed between 1.0.0 alphas",
        );
    } else {
        cx.error(
            pos(&version.referenced),
            "naftiko",
            format!("unsupported naftiko version `{text}`"),
            "this generator reads `naftiko: 1.0.0-alpha2` (and other 1.0.0-alpha versions)",
        );
    }
}

/// Maps the bound key names to an authentication scheme (the format says
/// nothing about how a credential is sent; Clerk's convention decides).
fn lower_binds(cx: &mut Ctx<'_, '_>, doc: &spec::Document) -> Auth {
    let mut keys = Vec::new();
    let root = doc.binds.iter().map(|b| ("binds", b));
    let nested = doc
        .capability
        .iter()
        .filter_map(|c| c.value.binds.as_ref())
        .map(|b| ("capability.binds", b));
    for (path, list) in root.chain(nested) {
        for (i, bind) in list.value.iter().enumerate() {
            if bind.value.location.is_some() {
                cx.warning(
                    pos(&bind.referenced),
                    &format!("{path}[{i}].location"),
                    "bind `location` is ignored: keys are read from the environment at run time"
                        .into(),
                    "",
                );
            }
            for (var, provider_key) in bind.value.keys.iter().flat_map(|k| k.value.iter()) {
                let env = match &provider_key.value {
                    spec::Scalar::Str(s) if !s.is_empty() => s.clone(),
                    _ => var.clone(),
                };
                keys.push((var.clone(), env, pos(&provider_key.referenced)));
            }
        }
    }
    let bearer: Vec<_> = keys
        .iter()
        .filter(|(var, ..)| matches!(var.as_str(), "CLERK_SECRET_KEY" | "CLERK_PARTNER_KEY"))
        .collect();
    match bearer.as_slice() {
        [(_, env, _)] => Auth::Bearer { env: env.clone() },
        [] => {
            for (var, _, at) in &keys {
                if var != "CLERK_PUBLISHABLE_KEY" {
                    cx.warning(
                        *at,
                        "binds",
                        format!("bound key `{var}` is not a credential this generator knows how to send"),
                        "requests are sent without an Authorization header; set one with a caller-supplied reqwest client",
                    );
                }
            }
            Auth::None
        }
        [(_, env, _), (_, _, at), ..] => {
            cx.warning(
                *at,
                "binds",
                "several secret keys are bound; the first one is used".into(),
                "",
            );
            Auth::Bearer { env: env.clone() }
        }
    }
}

fn lower_adapter(
    cx: &mut Ctx<'_, '_>,
    path: &str,
    adapter: &Spanned<spec::Consumes>,
    auth: Auth,
) -> Option<Module> {
    let a = &adapter.value;
    let at = pos(&adapter.referenced);
    if a.import.is_some() || a.location.is_some() {
        cx.error(
            at,
            path,
            "imported adapters (`location`/`import`/`as`) are not supported".into(),
            "copy the adapter into this file, or generate the imported file on its own",
        );
        return None;
    }
    let kind = cx.string(&a.kind, &format!("{path}.type"), at, true);
    if let Some(kind) = &kind
        && kind != "http"
    {
        cx.error(
            a.kind.as_ref().map_or(at, |k| pos(&k.referenced)),
            &format!("{path}.type"),
            format!("unsupported adapter type `{kind}`"),
            "only `type: http` adapters can be generated",
        );
    }
    if let Some(auth_block) = &a.authentication {
        cx.error(
            pos(&auth_block.referenced),
            &format!("{path}.authentication"),
            "`authentication` blocks are not supported".into(),
            "remove it: the client authenticates from the key named in `binds`",
        );
    }
    let namespace = cx.string(&a.namespace, &format!("{path}.namespace"), at, true)?;
    let ident = match names::value_ident(&namespace) {
        Ok(ident) => ident,
        Err(err) => {
            cx.error(
                a.namespace.as_ref().map_or(at, |n| pos(&n.referenced)),
                &format!("{path}.namespace"),
                err.to_string(),
                "use a kebab-case namespace such as `clerk-backend-api-sessions`",
            );
            return None;
        }
    };
    let base_url = lower_base_url(cx, a, path, at);
    let description = cx.text(&a.description, &format!("{path}.description"));

    let inherited = params::inherited(
        cx,
        a.input_parameters.as_ref(),
        &format!("{path}.inputParameters"),
    );
    let mut operations = Vec::new();
    let mut op_scope = Scope::new(&["builder", "from_env", "new"]);
    let mut type_scope = Scope::new(RESERVED_TYPES);
    let resources = match &a.resources {
        Some(r) => r.value.as_slice(),
        None => {
            cx.warning(
                at,
                path,
                format!("adapter `{namespace}` has no `resources`: it generates an empty module"),
                "",
            );
            &[]
        }
    };
    for (ri, resource) in resources.iter().enumerate() {
        let rpath = format!("{path}.resources[{ri}]");
        for op in lower_resource(cx, &rpath, resource, &inherited) {
            let spanned = op.1;
            let op = op.0;
            let fn_ok = op_scope.claim_exact(op.fn_ident.clone(), &op.name);
            let ty_ok = type_scope.claim_exact(op.builder_ident.clone(), &op.name);
            if let Err(clash) = fn_ok.and(ty_ok) {
                cx.error(
                    spanned,
                    &format!("{rpath}.operations"),
                    format!("operation names collide after conversion: {clash}"),
                    "rename one of the operations",
                );
                continue;
            }
            operations.push(op);
        }
    }
    Some(Module {
        namespace,
        ident,
        description,
        base_url,
        auth,
        operations,
        types: Vec::new(),
    })
}

fn lower_base_url(cx: &mut Ctx<'_, '_>, a: &spec::Consumes, path: &str, at: reader::Pos) -> String {
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
        return String::new();
    };
    let value_at = a.base_uri.as_ref().map_or(at, |b| pos(&b.referenced));
    if raw.is_empty() {
        return raw;
    }
    let valid = (raw.starts_with("https://") || raw.starts_with("http://"))
        && !raw.contains(['?', '#', '{', ' '])
        && raw
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if !valid {
        cx.error(
            value_at,
            &yaml_path,
            format!("`{raw}` is not an http(s) base URL"),
            "write an absolute URL such as `https://api.clerk.com/v1`, without query or placeholders",
        );
        return String::new();
    }
    match raw.strip_suffix('/') {
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
    }
}

fn lower_resource(
    cx: &mut Ctx<'_, '_>,
    rpath: &str,
    resource: &Spanned<spec::Resource>,
    inherited: &[params::Raw],
) -> Vec<(Operation, reader::Pos)> {
    let r = &resource.value;
    let at = pos(&resource.referenced);
    let template = cx
        .string(&r.path, &format!("{rpath}.path"), at, true)
        .and_then(|raw| match PathTemplate::parse(&raw) {
            Ok(t) => Some(t),
            Err(err) => {
                let value_at = r.path.as_ref().map_or(at, |p| pos(&p.referenced));
                cx.error(
                    value_at,
                    &format!("{rpath}.path"),
                    format!("invalid path `{raw}`: {err}"),
                    "paths look like `/sessions/{session_id}`",
                );
                None
            }
        });
    let mut own = inherited.to_vec();
    own.extend(params::inherited(
        cx,
        r.input_parameters.as_ref(),
        &format!("{rpath}.inputParameters"),
    ));
    let Some(ops) = &r.operations else {
        cx.error(
            at,
            rpath,
            "a resource needs at least one operation".into(),
            "add `operations:` with at least one entry",
        );
        return Vec::new();
    };
    let Some(template) = template else {
        return Vec::new();
    };
    ops.value
        .iter()
        .enumerate()
        .filter_map(|(oi, op)| {
            let opath = format!("{rpath}.operations[{oi}]");
            lower_operation(cx, &opath, op, &template, &own).map(|o| (o, pos(&op.referenced)))
        })
        .collect()
}

fn lower_operation(
    cx: &mut Ctx<'_, '_>,
    opath: &str,
    op: &Spanned<spec::Operation>,
    template: &PathTemplate,
    inherited: &[params::Raw],
) -> Option<Operation> {
    let o = &op.value;
    let at = pos(&op.referenced);
    let name = cx.string(&o.name, &format!("{opath}.name"), at, true);
    let method = lower_method(cx, o, opath, at);
    if let Some(body) = &o.body {
        cx.error(
            pos(&body.referenced),
            &format!("{opath}.body"),
            "operation-level `body:` blocks are not supported".into(),
            "declare the body as an input parameter with `in: body`",
        );
    }
    let description = cx.text(&o.description, &format!("{opath}.description"));
    let name = name?;
    let idents = match (
        names::value_ident(&name),
        names::type_ident(&name),
        names::const_ident(&name),
    ) {
        (Ok(f), Ok(t), Ok(c)) if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
            Some((f, t, c))
        }
        _ => {
            cx.error(
                o.name.as_ref().map_or(at, |n| pos(&n.referenced)),
                &format!("{opath}.name"),
                format!("`{name}` is not a valid operation name"),
                "operation names use letters, digits and `-`, e.g. `GetSessionList`",
            );
            None
        }
    };
    let lowered = params::lower_all(
        cx,
        opath,
        o.input_parameters.as_ref(),
        inherited,
        template,
        method,
        at,
    )?;
    let (fn_ident, builder_ident, const_ident) = idents?;
    let method = method?;
    Some(Operation {
        name,
        fn_ident,
        builder_ident,
        const_ident,
        method,
        path: template.clone(),
        description,
        path_params: lowered.path,
        query: lowered.query,
        headers: lowered.headers,
        body: lowered.body,
        one_of: None,
        response: TypeRef::Json,
        retry_safe: matches!(method, Method::Get | Method::Put | Method::Delete),
    })
}

fn lower_method(
    cx: &mut Ctx<'_, '_>,
    o: &spec::Operation,
    opath: &str,
    at: reader::Pos,
) -> Option<Method> {
    let Some(raw) = cx.string(&o.method, &format!("{opath}.method"), at, false) else {
        return o.method.is_none().then_some(Method::Get);
    };
    let method = match raw.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        other => {
            let upper = other.to_ascii_uppercase();
            let help = if ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&upper.as_str()) {
                format!("methods are upper case: write `{upper}`")
            } else {
                "use one of GET, POST, PUT, PATCH, DELETE".to_owned()
            };
            cx.error(
                o.method.as_ref().map_or(at, |m| pos(&m.referenced)),
                &format!("{opath}.method"),
                format!("unknown HTTP method `{other}`"),
                &help,
            );
            return None;
        }
    };
    Some(method)
}

/// Runs lowering over `text` and returns the model and every diagnostic.
pub(crate) fn run(file: &str, text: &str) -> (Option<Api>, Diagnostics) {
    let mut sink = Sink::new(file, text);
    let doc = match spec::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            sink.error(
                crate::diagnostics::Pos {
                    line: err.line,
                    column: err.column,
                },
                "",
                format!("invalid YAML: {}", err.message),
                "fix the YAML syntax; nothing else could be checked",
            );
            return (None, sink.diagnostics);
        }
    };
    let api = lower(&doc, &mut sink);
    (Some(api), sink.diagnostics)
}
