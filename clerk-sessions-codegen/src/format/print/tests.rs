//! The printer's output reads back as the tokens it was given.

use quote::{ToTokens, quote};

use super::print;

/// Every golden file (the printer's own output) reads back as tokens that
/// print as the same text: the printer never glues two tokens into another,
/// and never loses or moves one.
#[test]
fn golden_files_read_back_as_the_tokens_they_print() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let body = text
            .split_once("\n\n")
            .map_or(text.as_str(), |(_, body)| body);
        let tokens = syn::parse_file(body)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .into_token_stream();
        assert_eq!(print(tokens), body, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 5, "{checked} golden files");
}

#[test]
fn items_and_blocks_are_laid_out() {
    let tokens = quote! {
        #[doc = " A client."]
        #[derive(Clone, Debug)]
        pub struct Client<M = ::clerk_runtime::Async> { runtime: ::clerk_runtime::Client, mode: M }
        impl<'a, M: ::clerk_runtime::Mode> GetSession<'a, M> {
            pub fn send(self) -> M::Output<Session, impl ::core::future::Future<Output = Result<Session, Error>> + 'a> {
                let client = self.client;
                client.mode.run(async move {
                    let request = __private::Request::new(&client.runtime, &GET_SESSION, &[self.session_id.as_ref()]);
                    request.send::<Session>().await
                })
            }
        }
        use ::std::prelude::rust_2021::*;
        static X: &[u8] = &[1, 2];
    };
    let text = print(tokens);
    assert_eq!(
        text,
        "/// A client.
#[derive(Clone, Debug)]
pub struct Client<M = ::clerk_runtime::Async> {
    runtime: ::clerk_runtime::Client,
    mode: M
}
impl<'a, M: ::clerk_runtime::Mode> GetSession<'a, M> {
    pub fn send(self) -> M::Output<Session, impl ::core::future::Future<Output = Result<Session, Error>> + 'a> {
        let client = self.client;
        client.mode.run(async move {
            let request = __private::Request::new(&client.runtime, &GET_SESSION, &[self.session_id.as_ref()]);
            request.send::<Session>().await
        })
    }
}
use ::std::prelude::rust_2021::*;
static X: &[u8] = &[1, 2];
"
    );
}
