//! Request bodies other than JSON: `application/x-www-form-urlencoded` (the
//! Frontend API's), `multipart/form-data` (uploads) and raw bytes.

use std::fmt::{self, Write as _};
use std::path::Path;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::error::Error;
use crate::request::Request;

/// `application/x-www-form-urlencoded` encodes everything but unreserved characters.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The fields of a form body, in order: a missing or `null` field is left out,
/// a boolean is `true`/`false`, a number is written without a trailing `.0`,
/// an array repeats its key once per item (the documents' `style: form,
/// explode: true`), and an object is compact JSON text.
fn form_fields(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let serde_json::Value::Object(map) = value {
        for (name, value) in map {
            match value {
                serde_json::Value::Array(items) => {
                    for item in items {
                        if let Some(text) = scalar_text(item) {
                            out.push((name.clone(), text));
                        }
                    }
                }
                other => {
                    if let Some(text) = scalar_text(other) {
                        out.push((name.clone(), text));
                    }
                }
            }
        }
    }
    out
}

fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (None, Some(u), _) => u.to_string(),
            (None, None, Some(f)) => f.to_string(),
            (None, None, None) => n.to_string(),
        }),
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// `name=value&…`, percent-encoded.
fn encode_form(fields: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend(utf8_percent_encode(name, FORM));
        out.push('=');
        out.extend(utf8_percent_encode(value, FORM));
    }
    out
}

/// A file to upload in a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct File {
    name: String,
    content_type: String,
    bytes: Bytes,
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl File {
    /// A file from bytes in memory, with its file name and content type
    /// (e.g. `logo.png`, `image/png`).
    pub fn from_bytes(
        name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> File {
        File {
            name: name.into(),
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }

    /// Reads the file at `path`; its name is the path's file name and its
    /// content type is guessed from the extension (`application/octet-stream`
    /// when unknown).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] when the file cannot be read.
    pub fn from_path(path: impl AsRef<Path>) -> Result<File, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::InvalidInput {
            operation: "",
            parameter: "file",
            reason: format!("cannot read {}: {e}", path.display()),
        })?;
        let name = path
            .file_name()
            .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let content_type = match extension.as_deref() {
            Some("png") => "image/png",
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("gif") => "image/gif",
            Some("webp") => "image/webp",
            Some("svg") => "image/svg+xml",
            Some("ico") => "image/x-icon",
            _ => "application/octet-stream",
        };
        Ok(File::from_bytes(name, content_type, bytes))
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

/// A `multipart/form-data` body being assembled by generated code.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<(String, Option<File>, String)>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// A file part.
    pub fn file(&mut self, name: &str, file: &File) {
        self.parts
            .push((name.to_owned(), Some(file.clone()), String::new()));
    }

    /// Text parts named `name`: a value as its JSON scalar text; an array
    /// as one part per item, in order, all named `name` (the way
    /// `multipart/form-data` repeats a field, as a form repeats its key);
    /// `null` (and an array's `null` items) as no part; an object as
    /// compact JSON text.
    pub fn text<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) {
        let Ok(value) = serde_json::to_value(value) else {
            return;
        };
        let items = match &value {
            serde_json::Value::Array(items) => items.as_slice(),
            one => std::slice::from_ref(one),
        };
        for text in items.iter().filter_map(scalar_text) {
            self.parts.push((name.to_owned(), None, text));
        }
    }

    /// The body and its boundary. The boundary is a run of characters that
    /// does not occur in any part.
    fn encode(&self) -> (String, Vec<u8>) {
        let mut boundary = String::from("clerk-runtime-boundary");
        let mut n = 0u32;
        while self.parts.iter().any(|(name, file, text)| {
            name.contains(&boundary)
                || text.contains(&boundary)
                || file.as_ref().is_some_and(|f| {
                    contains(&f.bytes, boundary.as_bytes()) || f.name.contains(&boundary)
                })
        }) {
            n += 1;
            boundary = format!("clerk-runtime-boundary-{n:08x}");
        }
        let mut body = Vec::new();
        for (name, file, text) in &self.parts {
            let mut head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                quoted(name)
            );
            match file {
                Some(file) => {
                    let _ = write!(
                        head,
                        "; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        quoted(&file.name),
                        file.content_type
                    );
                    body.extend_from_slice(head.as_bytes());
                    body.extend_from_slice(&file.bytes);
                }
                None => {
                    head.push_str("\r\n\r\n");
                    body.extend_from_slice(head.as_bytes());
                    body.extend_from_slice(text.as_bytes());
                }
            }
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (boundary, body)
    }
}

/// A name inside a quoted header parameter: quotes and line breaks escaped.
fn quoted(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\r', '\n'], " ")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl Request<'_> {
    /// Sends `body` as `application/x-www-form-urlencoded`.
    pub fn form_body<B: Serialize + ?Sized>(&mut self, body: &B) {
        match serde_json::to_value(body) {
            Ok(value) => {
                let text = encode_form(&form_fields(&value));
                self.set_body(Bytes::from(text), "application/x-www-form-urlencoded");
            }
            Err(e) => self.fail(Error::invalid(self.op.name, "body", e.to_string())),
        }
    }

    /// As [`form_body`](Self::form_body), but no body is sent when no field is set.
    pub fn form_body_unless_empty<B: Serialize + ?Sized>(&mut self, body: &B) {
        match serde_json::to_value(body) {
            Ok(value) if form_fields(&value).is_empty() => {}
            Ok(_) => self.form_body(body),
            Err(e) => self.fail(Error::invalid(self.op.name, "body", e.to_string())),
        }
    }

    /// Sends `body` as `multipart/form-data`.
    pub fn multipart_body(&mut self, body: &Multipart) {
        let (boundary, bytes) = body.encode();
        match http::HeaderValue::try_from(format!("multipart/form-data; boundary={boundary}")) {
            Ok(content_type) => {
                self.body = Some(Bytes::from(bytes));
                self.content_type = Some(content_type);
            }
            Err(e) => self.fail(Error::invalid(self.op.name, "body", e.to_string())),
        }
    }

    /// Sends `bytes` as they are, with this content type (e.g. `application/octet-stream`).
    pub fn bytes_body(&mut self, bytes: impl Into<Bytes>, content_type: &'static str) {
        self.set_body(bytes.into(), content_type);
    }

    /// Sends `bytes` as they are, with `Content-Type: application/octet-stream`
    /// (and no other encoding): a body of `content-type: application/octet-stream`.
    pub fn octet_stream_body(&mut self, bytes: OctetStream) {
        self.set_body(bytes.0, "application/octet-stream");
    }
}

/// The bytes of a raw body, held by a generated request builder until it is
/// sent: its `Debug` shows their length, not them (an upload would fill a
/// log line).
#[derive(Clone)]
pub struct OctetStream(pub Bytes);

impl fmt::Debug for OctetStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_repeat_array_keys_skip_nulls_and_write_plain_numbers() {
        let value = serde_json::json!({
            "email_address": ["a@x.test", "b c@x.test"],
            "role": "org:admin",
            "missing": null,
            "legal_accepted": true,
            "count": 10,
            "ratio": 10.0,
            "half": 0.5,
            "unsafe_metadata": {"a": 1},
        });
        assert_eq!(
            encode_form(&form_fields(&value)),
            "count=10&email_address=a%40x.test&email_address=b%20c%40x.test&half=0.5&legal_accepted=true&ratio=10&role=org%3Aadmin&unsafe_metadata=%7B%22a%22%3A1%7D"
        );
    }

    #[test]
    fn multipart_boundaries_never_occur_in_a_part() {
        let mut form = Multipart::new();
        let sneaky = b"--clerk-runtime-boundary--\r\n".to_vec();
        form.file("file", &File::from_bytes("a\"b.png", "image/png", sneaky));
        form.text("uploader_user_id", "user_1");
        let (boundary, body) = form.encode();
        assert_ne!(boundary, "clerk-runtime-boundary");
        let text = String::from_utf8_lossy(&body);
        assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 2);
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(text.contains("filename=\"a\\\"b.png\""), "{text}");
        assert!(
            text.contains("name=\"uploader_user_id\"\r\n\r\nuser_1\r\n"),
            "{text}"
        );
    }

    #[test]
    fn multipart_arrays_are_one_text_part_per_item() {
        let mut form = Multipart::new();
        form.text("tags", &["a", "b c"]);
        form.text("sizes", &vec![Some(1), None, Some(3)]);
        form.text("none", &Option::<String>::None);
        form.text("empty", &Vec::<String>::new());
        let (boundary, body) = form.encode();
        let part = |name: &str, text: &str| {
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n"
            )
        };
        let expected = [
            part("tags", "a"),
            part("tags", "b c"),
            part("sizes", "1"),
            part("sizes", "3"),
            format!("--{boundary}--\r\n"),
        ]
        .concat();
        assert_eq!(String::from_utf8_lossy(&body), expected);
    }
}
