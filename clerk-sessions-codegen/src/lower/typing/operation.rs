//! One operation, finished with its typing: the types of its parameters
//! (and parameters the spec lacks), its body struct, its response type, its
//! "at least one of" group and its paging.

use std::collections::BTreeMap;

use super::defs::fields;
use super::schema::{Defs, deprecated_note, described, type_names, type_of};
use super::{one_of, paginate, params};
use crate::diagnostics::Pos;
use crate::lower::Ctx;
use crate::lower::operation::{SpecOp, retry_safe};
use crate::lower::reader::pos;
use crate::model::{
    Body, BodyField, Encoding, Location, Operation, OperationAuth, Param, Reply, TypeDef, TypeRef,
};
use crate::names::{self, RustIdent, Scope, own};
use crate::spec::Spanned;
use crate::spec::typing::{Additional, BodyTyping, OperationTyping, Schema};

/// What an operation's typing reads of its module.
pub(crate) struct Module<'m> {
    /// The named types, by `$defs` key.
    pub(crate) defs: &'m Defs,
    /// The named types, lowered, by name.
    pub(crate) types: &'m BTreeMap<RustIdent, &'m TypeDef>,
    /// The module's type names, where body and filter types claim theirs.
    pub(crate) scope: &'m mut Scope,
}

/// `op` with what `typing` says about it.
pub(crate) fn lower(
    cx: &mut Ctx<'_, '_>,
    module: &mut Module<'_>,
    op: SpecOp,
    typing: &Spanned<OperationTyping>,
) -> Operation {
    let t = &typing.value;
    let path = format!("operations.{}", op.name);
    let mut inputs = op.inputs;
    params::typed_params(cx, module.defs, &op.name, &mut inputs, t, &path);
    let body = match (inputs.body.take(), &t.body) {
        (spec_body, Some(typed)) => {
            let spec_body = (spec_body, &mut inputs.scope);
            body(cx, module, &op.name, spec_body, typed, &path)
        }
        (spec_body, None) => spec_body.map(|description| Body::Untyped { description }),
    };
    let response = t.response.as_ref().map_or(TypeRef::Json, |response| {
        let at = pos(&response.referenced);
        type_of(
            cx,
            module.defs,
            &response.value,
            at,
            &format!("{path}.response"),
        )
    });
    let one_of = t.require_one_of.as_ref().and_then(|group| {
        let path = format!("{path}.x-require-one-of");
        one_of::lower(cx, module.scope, &op.name, &mut inputs, group, &path)
    });
    let reply = reply(cx, t, &path);
    let paging = t.paginate.as_ref().and_then(|paging| {
        let on = paginate::Target {
            name: &op.name,
            reply,
            response: &response,
            query: &inputs.query,
            types: module.types,
        };
        paginate::lower(cx, &on, paging, &format!("{path}.x-paginate"))
    });
    Operation {
        retry_safe: retry_safe(op.method, t.idempotent == Some(true)),
        auth: auth(cx, t, &path),
        name: op.name,
        fn_ident: op.fn_ident,
        builder_ident: op.builder_ident,
        const_ident: op.const_ident,
        method: op.method,
        path: op.path,
        description: full_description(op.description, t),
        path_params: inputs.path,
        query: inputs.query,
        headers: inputs.headers,
        body,
        one_of,
        response,
        reply,
        paginate: paging,
    }
}

/// `x-response`: what kind of answer a success is.
fn reply(cx: &mut Ctx<'_, '_>, t: &OperationTyping, path: &str) -> Reply {
    const KINDS: &[(&str, Reply)] = &[
        ("json", Reply::Json),
        ("optional", Reply::Optional),
        ("empty", Reply::Empty),
        ("text", Reply::Text),
        ("redirect", Reply::Redirect),
    ];
    let path = format!("{path}.x-response");
    t.reply
        .as_ref()
        .and_then(|kind| choose(cx, kind, &path, KINDS))
        .unwrap_or(Reply::Json)
}

/// `x-auth`: how the request is authenticated, when not by the module's `auth`.
fn auth(cx: &mut Ctx<'_, '_>, t: &OperationTyping, path: &str) -> OperationAuth {
    const KINDS: &[(&str, OperationAuth)] = &[
        ("api", OperationAuth::Api),
        (
            "client-credentials",
            OperationAuth::ClientCredentials { required: true },
        ),
        (
            "client-credentials-or-none",
            OperationAuth::ClientCredentials { required: false },
        ),
    ];
    let path = format!("{path}.x-auth");
    t.auth
        .as_ref()
        .and_then(|kind| choose(cx, kind, &path, KINDS))
        .unwrap_or(OperationAuth::Api)
}

/// The value `table` pairs with a keyword's text; an unknown one is reported.
fn choose<T: Copy>(
    cx: &mut Ctx<'_, '_>,
    text: &Spanned<String>,
    path: &str,
    table: &[(&str, T)],
) -> Option<T> {
    if let Some((_, value)) = table.iter().find(|(known, _)| *known == text.value) {
        return Some(*value);
    }
    let known: Vec<&str> = table.iter().map(|(known, _)| *known).collect();
    cx.error(
        pos(&text.referenced),
        path,
        format!("unsupported `{}`", text.value),
        &format!("use one of: {}", known.join(", ")),
    );
    None
}

/// The operation's docs: the typing's full text where the spec's is cut
/// short (the spec's text stays the summary line when the full text does not
/// start with it), and a `Deprecated.` note.
fn full_description(spec: Option<String>, t: &OperationTyping) -> Option<String> {
    let text = match (spec, &t.description) {
        (spec, None) => spec,
        (None, Some(full)) => Some(full.clone()),
        (Some(spec), Some(full)) => {
            let summary = spec.trim().trim_end_matches(['.', '…']).trim_end();
            if full.trim_start().starts_with(summary) {
                Some(full.clone())
            } else {
                Some(format!("{}\n\n{}", spec.trim_end(), full))
            }
        }
    };
    deprecated_note(text, t.deprecated == Some(true))
}

/// The body: a struct of the schema's properties (each field an input of
/// the operation, named in its scope `inputs`), or the spec's untyped body
/// when the typing file gives no schema.
fn body(
    cx: &mut Ctx<'_, '_>,
    module: &mut Module<'_>,
    op: &str,
    (spec_body, inputs): (Option<Option<String>>, &mut Scope),
    typed: &Spanned<BodyTyping>,
    path: &str,
) -> Option<Body> {
    let at = pos(&typed.referenced);
    let Some(description) = spec_body else {
        cx.error(
            at,
            &format!("{path}.body"),
            format!("the spec's `{op}` has no `in: body` parameter"),
            "remove `body:` here, or add the body parameter to the spec",
        );
        return None;
    };
    let encoding = match content(cx, &typed.value, path) {
        Content::Encoded(encoding) => encoding,
        Content::Bytes => return Some(bytes_body(cx, typed, inputs, description, path)),
    };
    let Some(schema) = &typed.value.schema else {
        return Some(Body::Untyped { description });
    };
    if type_names(&schema.value) == ["array"] {
        return Some(list_body(cx, module.defs, schema, inputs, path));
    }
    let ident = names::own::body_type(op).ok().map(|i| {
        module
            .scope
            .claim(i, op, own::suffix::BODY_TYPE_TAKEN)
            .ident
    });
    let mut fields = body_fields(cx, module.defs, schema, at, path);
    if encoding == Encoding::Multipart {
        files(&mut fields, &schema.value);
    }
    let Some(ident) = ident else {
        return Some(Body::Untyped { description });
    };
    let fields = fields
        .into_iter()
        .map(|field| BodyField {
            input: inputs
                .claim(field.ident.clone(), &field.wire, own::suffix::BODY)
                .ident,
            field,
        })
        .collect();
    Some(Body::Typed {
        ident,
        fields,
        required: typed.value.required.unwrap_or(true),
        encoding,
    })
}

/// A JSON array body: one required argument, `items`.
fn list_body(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    schema: &Spanned<Schema>,
    inputs: &mut Scope,
    path: &str,
) -> Body {
    let at = pos(&schema.referenced);
    let ty = type_of(cx, defs, &schema.value, at, &format!("{path}.body.schema"));
    let ident = inputs.claim(own::list_body(), own::ITEMS.as_str(), own::suffix::BODY);
    Body::List {
        items: Param {
            wire: own::ITEMS.as_str().to_owned(),
            ident: ident.ident,
            location: Location::Body,
            required: true,
            ty,
            description: described(&schema.value),
            constant: None,
            range: Default::default(),
            default: None,
            joined: None,
        },
    }
}

/// A raw body (`application/octet-stream`): one required argument, `bytes`,
/// sent as it is. A schema beside it says nothing the bytes could follow.
fn bytes_body(
    cx: &mut Ctx<'_, '_>,
    typed: &Spanned<BodyTyping>,
    inputs: &mut Scope,
    description: Option<String>,
    path: &str,
) -> Body {
    if let Some(schema) = &typed.value.schema {
        cx.warning(
            pos(&schema.referenced),
            &format!("{path}.body.schema"),
            "an `application/octet-stream` body is raw bytes; its schema is ignored".into(),
            "remove `schema:` here",
        );
    }
    let ident = inputs.claim(own::bytes_body(), own::BYTES, own::suffix::BODY);
    let sent = "sent as it is, with `Content-Type: application/octet-stream`.";
    let description = match description {
        Some(spec) => format!("{}\n\nThe body, {sent}", spec.trim_end()),
        None => format!("The request body, {sent}"),
    };
    Body::Bytes {
        bytes: Param {
            wire: own::BYTES.to_owned(),
            ident: ident.ident,
            location: Location::Body,
            required: true,
            ty: TypeRef::Bytes,
            description: Some(description),
            constant: None,
            range: Default::default(),
            default: None,
            joined: None,
        },
    }
}

/// What a body's `content-type` makes of it.
#[derive(Clone, Copy)]
enum Content {
    /// The schema's struct (or array), sent with this encoding.
    Encoded(Encoding),
    /// Raw bytes (`application/octet-stream`).
    Bytes,
}

/// The body's `content-type`.
fn content(cx: &mut Ctx<'_, '_>, typed: &BodyTyping, path: &str) -> Content {
    const TYPES: &[(&str, Content)] = &[
        ("application/json", Content::Encoded(Encoding::Json)),
        (
            "application/x-www-form-urlencoded",
            Content::Encoded(Encoding::Form),
        ),
        ("multipart/form-data", Content::Encoded(Encoding::Multipart)),
        ("application/octet-stream", Content::Bytes),
    ];
    let path = format!("{path}.body.content-type");
    typed
        .content_type
        .as_ref()
        .and_then(|content_type| choose(cx, content_type, &path, TYPES))
        .unwrap_or(Content::Encoded(Encoding::Json))
}

/// In a multipart body, the string properties of `format: binary` are file parts.
fn files(fields: &mut [Param], schema: &Schema) {
    let binary: Vec<&str> = schema
        .properties
        .iter()
        .flat_map(|p| &p.0)
        .filter(|(_, s)| s.value.format.as_deref() == Some("binary"))
        .map(|(wire, _)| wire.as_str())
        .collect();
    for field in fields {
        if binary.contains(&field.wire.as_str()) && field.ty == TypeRef::String {
            field.ty = TypeRef::File;
        }
    }
}

/// The properties of a body schema, as body fields.
/// Whether a constant can be written as a value of the field's type.
fn constant_fits(ty: &TypeRef, value: &serde_json::Value) -> bool {
    matches!(
        (ty, value),
        (TypeRef::String, serde_json::Value::String(_))
            | (TypeRef::Boolean, serde_json::Value::Bool(_))
    ) || matches!((ty, value), (TypeRef::Integer, serde_json::Value::Number(n)) if n.is_i64())
}

fn body_fields(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    schema: &Spanned<Schema>,
    at: Pos,
    path: &str,
) -> Vec<Param> {
    let schema_path = format!("{path}.body.schema");
    let s = &schema.value;
    let mut fields = fields(
        cx,
        defs,
        s,
        pos(&schema.referenced),
        &schema_path,
        Location::Body,
    );
    // A property the body requires must be sent even when it may be null
    // (`required` + `nullable`): the caller gives it, as an argument.
    let required: Vec<&str> = s.required.iter().flatten().map(String::as_str).collect();
    for field in &mut fields {
        field.required |= required.contains(&field.wire.as_str());
        // A property with one allowed value (`const`; the deriver writes an
        // enum of one value so) is sent as that value, never asked of the caller.
        let property = s.properties.iter().flat_map(|p| &p.0);
        let property = property
            .filter(|(wire, _)| *wire == field.wire)
            .map(|(_, p)| &p.value);
        if let Some(value) = property.filter_map(|p| p.constant.as_ref()).next()
            && constant_fits(&field.ty, value)
        {
            field.constant = Some(value.clone());
        }
    }
    if matches!(s.additional_properties, Some(Additional::Schema(_))) {
        cx.warning(
            at,
            &schema_path,
            "`additionalProperties` schemas on bodies are ignored".into(),
            "",
        );
    }
    fields
}
