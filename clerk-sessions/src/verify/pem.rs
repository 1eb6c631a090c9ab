//! Strict PEM and DER for RSA public keys: SPKI (`BEGIN PUBLIC KEY`, what
//! Clerk's dashboard shows) and PKCS#1 (`BEGIN RSA PUBLIC KEY`). Anything
//! else, a private key or a certificate included, is refused by name.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::error::VerifyError;
use super::keys::RsaKey;

/// DER of the rsaEncryption OID, 1.2.840.113549.1.1.1.
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// PEM input larger than this is refused before anything is decoded
/// (an 8192-bit key is under 1.5 KB of PEM).
const MAX_PEM_BYTES: usize = 16 * 1024;

/// Reads one RSA public key from PEM text.
pub(crate) fn parse(pem: &str) -> Result<RsaKey, VerifyError> {
    if pem.len() > MAX_PEM_BYTES {
        return Err(VerifyError::key(
            "the PEM text is too large for a public key",
        ));
    }
    let text = pem.trim();
    let first = text.lines().next().unwrap_or_default().trim_end();
    let label = first
        .strip_prefix("-----BEGIN ")
        .and_then(|rest| rest.strip_suffix("-----"))
        .ok_or(VerifyError::key(
            "not PEM: expected `-----BEGIN PUBLIC KEY-----`",
        ))?;
    let pkcs1 = match label {
        "PUBLIC KEY" => false,
        "RSA PUBLIC KEY" => true,
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
            return Err(VerifyError::key(
                "a private key; give the instance's public key",
            ));
        }
        "CERTIFICATE" => {
            return Err(VerifyError::key(
                "a certificate; give the public key (`BEGIN PUBLIC KEY`)",
            ));
        }
        _ => {
            return Err(VerifyError::key(
                "not an RSA public key PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`)",
            ));
        }
    };
    let end = format!("-----END {label}-----");
    let mut lines = text.lines().skip(1).map(str::trim_end);
    let mut body = String::with_capacity(text.len());
    loop {
        match lines.next() {
            None => return Err(VerifyError::key("the PEM block has no END line")),
            Some(line) if line == end => break,
            Some(line) if line.contains(':') => {
                return Err(VerifyError::key(
                    "PEM headers (encrypted keys) are not supported",
                ));
            }
            Some(line) => body.push_str(line),
        }
    }
    if lines.any(|line| !line.trim().is_empty()) {
        return Err(VerifyError::key(
            "text after the PEM block; give exactly one key",
        ));
    }
    let der = STANDARD
        .decode(body.as_bytes())
        .map_err(|_| VerifyError::key("the PEM body is not base64"))?;
    let key = if pkcs1 {
        rsa_public_key(&der)
    } else {
        spki(&der)
    };
    key.ok_or(VerifyError::key(
        "the PEM body is not a DER-encoded RSA public key",
    ))?
    .checked()
}

/// SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID, NULL }, BIT STRING }.
fn spki(der: &[u8]) -> Option<RsaKey> {
    let mut outer = Der(der).whole(0x30)?;
    let mut algorithm = outer.next(0x30)?;
    if algorithm.next(0x06)?.0 != RSA_ENCRYPTION || !algorithm.next(0x05)?.0.is_empty() {
        return None;
    }
    algorithm.end()?;
    let bits = outer.next(0x03)?;
    outer.end()?;
    // No unused bits: the key is whole bytes.
    let (&0, key) = bits.0.split_first()? else {
        return None;
    };
    rsa_public_key(key)
}

/// RSAPublicKey (PKCS#1): SEQUENCE { INTEGER n, INTEGER e }.
fn rsa_public_key(der: &[u8]) -> Option<RsaKey> {
    let mut seq = Der(der).whole(0x30)?;
    let n = positive_integer(seq.next(0x02)?.0)?;
    let e = positive_integer(seq.next(0x02)?.0)?;
    seq.end()?;
    Some(RsaKey::new(n.to_vec(), e.to_vec()))
}

/// The magnitude of a DER INTEGER that must be positive and minimally encoded.
fn positive_integer(bytes: &[u8]) -> Option<&[u8]> {
    match bytes {
        [] => None,
        [first, ..] if *first >= 0x80 => None, // negative
        [0, next, ..] if *next < 0x80 => None, // not minimal
        [0, rest @ ..] => Some(rest),
        _ => Some(bytes),
    }
}

/// A cursor over DER bytes.
struct Der<'a>(&'a [u8]);

impl<'a> Der<'a> {
    /// The contents of the one element of type `tag` that must fill the input.
    fn whole(mut self, tag: u8) -> Option<Der<'a>> {
        let inner = self.next(tag)?;
        self.end()?;
        Some(inner)
    }

    /// The contents of the next element, which must have type `tag`.
    fn next(&mut self, tag: u8) -> Option<Der<'a>> {
        let (&found, rest) = self.0.split_first()?;
        if found != tag {
            return None;
        }
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = match first {
            0..=0x7f => (usize::from(first), rest),
            0x81 => match rest.split_first()? {
                (&len, rest) if len >= 0x80 => (usize::from(len), rest),
                _ => return None, // not minimal
            },
            0x82 => {
                let (len, rest) = rest.split_at_checked(2)?;
                let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
                if len < 0x100 {
                    return None; // not minimal
                }
                (len, rest)
            }
            _ => return None, // indefinite, or longer than any key needs
        };
        let (contents, rest) = rest.split_at_checked(len)?;
        self.0 = rest;
        Some(Der(contents))
    }

    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn integers_must_be_positive_and_minimal() {
        assert_eq!(positive_integer(&[0x01]), Some(&[0x01][..]));
        assert_eq!(positive_integer(&[0x00, 0x80]), Some(&[0x80][..]));
        assert_eq!(positive_integer(&[0x80]), None);
        assert_eq!(positive_integer(&[0x00, 0x01]), None);
        assert_eq!(positive_integer(&[]), None);
    }

    #[test]
    fn lengths_must_be_minimal_and_definite() {
        assert!(
            Der(&[0x30, 0x81, 0x05, 0, 0, 0, 0, 0])
                .whole(0x30)
                .is_none()
        );
        assert!(Der(&[0x30, 0x80, 0, 0]).whole(0x30).is_none());
        assert!(Der(&[0x30, 0x01]).whole(0x30).is_none()); // truncated
        assert!(Der(&[0x30, 0x00, 0x00]).whole(0x30).is_none()); // trailing
        assert!(Der(&[0x30, 0x00]).whole(0x30).is_some());
    }
}
