//! Naming: the §4.1 vectors, the further rules, every name in the corpus, a
//! golden table of conversions (`UPDATE_GOLDEN=1` rewrites it) and properties.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

use clerk_sessions_codegen::names::{
    NameError, RustIdent, Scope, const_ident, pascal_case, positional_value_ident, snake_case,
    type_ident, value_ident, words,
};
use proptest::prelude::*;
use serde::Deserialize;

type TestResult = Result<(), Box<dyn Error>>;

/// The `Display` form of an identifier, or the error text.
fn show(result: Result<RustIdent, NameError>) -> String {
    result.map_or_else(|err| err.to_string(), |ident| ident.to_string())
}

/// Checks a table of `raw expected` lines against `convert`.
fn check_table(convert: fn(&str) -> Result<RustIdent, NameError>, table: &str) {
    for line in table.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let (raw, expected) = line.split_once(' ').unwrap_or((line, ""));
        assert_eq!(show(convert(raw)), expected.trim(), "converting `{raw}`");
    }
}

fn is_valid_ident(ident: &RustIdent) -> bool {
    syn::parse_str::<syn::Ident>(&ident.to_string()).is_ok()
        && ident.to_ident() == ident.to_string()
}

/// The vectors of naftiko-format.md §4.1, with `OAuth` as one word.
#[test]
fn reference_vectors() {
    check_table(
        value_ident,
        "
        GetSessionList get_session_list
        createSession create_session
        ListRedirectURLs list_redirect_urls
        GetJWKS get_jwks
        CreateJWTTemplate create_jwt_template
        DisableMFA disable_mfa
        postTOTP post_totp
        PlatformTriggerDNSCheck platform_trigger_dns_check
        getOpenIDConfiguration get_open_id_configuration
        getOAuth2AuthorizationServerMetadata get_oauth2_authorization_server_metadata
        UserWeb3WalletDelete user_web3_wallet_delete
        requestOAuthAuthorizePOST request_oauth_authorize_post
        requestOAuthAuthorize request_oauth_authorize
        getOAuthUserInfoPOST get_oauth_user_info_post
        GetInstanceOAuthApplicationSettings get_instance_oauth_application_settings
        apiKeyID api_key_id
        domainIDOrName domain_id_or_name
        envOrInsID env_or_ins_id
        planIdOrSlug plan_id_or_slug
        Clerk-Proxy-Url clerk_proxy_url
        _clerk_session_id clerk_session_id
        type r#type
        ",
    );
}

#[test]
fn acronyms_digits_and_exceptions() {
    check_table(
        value_ident,
        "
        M2M m2m
        m2m m2m
        CreateM2MToken create_m2m_token
        listM2MTokens list_m2m_tokens
        verifyM2MToken verify_m2m_token
        m2m_tokens m2m_tokens
        GetUserIDs get_user_ids
        IDsForUser ids_for_user
        OAuth oauth
        oauth2 oauth2
        OAuthor o_author
        XOAuth xo_auth
        web3_wallet web3_wallet
        S3Bucket s3_bucket
        HTTPServer http_server
        X-Foo x_foo
        x_foo x_foo
        ",
    );
    assert_eq!(words("ListRedirectURLs"), ["list", "redirect", "urls"]);
    assert_eq!(snake_case("*"), "");
    assert_eq!(pascal_case("getOAuth2Token"), "GetOauth2Token");
    assert_eq!(pascal_case("ListRedirectURLs"), "ListRedirectUrls");
}

#[test]
fn keywords_become_raw_or_renamed() {
    let raw_keywords = "as break const continue else enum extern false fn for if impl in let \
        loop match mod move mut pub ref return static struct trait true type unsafe use where \
        while async await dyn try gen abstract become box do final macro override priv typeof \
        unsized virtual yield";
    for keyword in raw_keywords.split_whitespace() {
        let ident = value_ident(keyword);
        assert_eq!(ident.as_ref().map(RustIdent::is_raw), Ok(true), "{keyword}");
        assert_eq!(show(ident.clone()), format!("r#{keyword}"));
        assert!(ident.is_ok_and(|ident| is_valid_ident(&ident)), "{keyword}");
    }
    // `self`, `Self`, `super` and `crate` cannot be raw; weak keywords need not be.
    check_table(
        value_ident,
        "self self_ \n Self self_ \n super super_ \n crate crate_ \n union union \n raw raw",
    );
    check_table(
        type_ident,
        "self Self_ \n Self Self_ \n type Type \n super Super",
    );
    check_table(const_ident, "self SELF \n Self SELF \n type TYPE");
}

#[test]
fn digits_empty_and_short_names() {
    check_table(value_ident, "2fa n_2fa \n 123 n_123 \n 2FA n_2fa");
    check_table(type_ident, "2fa N2fa \n do Do \n x X");
    check_table(const_ident, "2fa-code N_2FA_CODE");
    for raw in ["*", "-", "_", "", "__", "*-_"] {
        let empty = Err(NameError::Empty {
            raw: raw.to_owned(),
        });
        assert_eq!(value_ident(raw), empty);
        assert_eq!(type_ident(raw), empty);
        assert_eq!(const_ident(raw), empty);
    }
    let message = NameError::Empty {
        raw: "*".to_owned(),
    }
    .to_string();
    assert!(message.contains("`*`"), "{message}");
    assert_eq!(positional_value_ident("param", 3).to_string(), "param_3");
    assert_eq!(positional_value_ident("*", 3).to_string(), "n_3");
    // Short names never become empty; keywords among them become raw.
    check_table(
        value_ident,
        "id id \n a a \n A a \n GetUser get_user \n do r#do \n fn r#fn",
    );
}

#[test]
fn suffixes_recheck_keywords() -> TestResult {
    assert_eq!(
        value_ident("id")?.with_suffix("query").to_string(),
        "id_query"
    );
    assert_eq!(
        value_ident("type")?.with_suffix("query").to_string(),
        "type_query"
    );
    assert_eq!(
        value_ident("self")?.with_suffix("path").to_string(),
        "self_path"
    );
    assert_eq!(
        type_ident("getFoo")?.with_suffix("2").to_string(),
        "GetFoo2"
    );
    assert_eq!(
        const_ident("max")?.with_suffix("query").to_string(),
        "MAX_QUERY"
    );
    assert_eq!(value_ident("id")?.with_suffix("*"), value_ident("id")?);
    Ok(())
}

#[test]
fn scope_disambiguates_in_declaration_order() -> TestResult {
    let mut scope = Scope::new(&["client", "send"]);
    let claims = [
        ("id", "path"),
        ("id", "query"),
        ("id", "header"),
        ("id", "query"),
        ("id_query", "query"),
    ];
    let got: Vec<String> = claims
        .iter()
        .map(|(raw, suffix)| value_ident(raw).map(|ident| scope.claim(ident, raw, suffix)))
        .map(|claimed| claimed.map(|claimed| claimed.ident.to_string()))
        .collect::<Result<_, _>>()?;
    assert_eq!(
        got,
        [
            "id",
            "id_query",
            "id_header",
            "id_query_2",
            "id_query_query"
        ]
    );

    let claimed = scope.claim(value_ident("client")?, "client", "query");
    assert_eq!(
        (claimed.ident.to_string(), claimed.renamed),
        ("client_query".to_owned(), true)
    );
    let claimed = scope.claim(value_ident("type")?, "type", "query");
    assert_eq!(
        (claimed.ident.to_string(), claimed.renamed),
        ("r#type".to_owned(), false)
    );
    let claimed = scope.claim(value_ident("type")?, "type", "");
    assert_eq!(claimed.ident.to_string(), "type_2");
    Ok(())
}

#[test]
fn scope_reports_exact_collisions() -> TestResult {
    let mut scope = Scope::new(&["new"]);
    scope.claim_exact(value_ident("getFoo")?, "getFoo")?;
    let err = scope
        .claim_exact(value_ident("GetFoo")?, "GetFoo")
        .map(|_| ())
        .err();
    let text = err.map(|err| err.to_string());
    assert_eq!(
        text.as_deref(),
        Some("`getFoo` and `GetFoo` both become `get_foo`")
    );
    let err = scope.claim_exact(value_ident("New")?, "New").err();
    assert_eq!(err.as_ref().map(|err| err.first_is_reserved), Some(true));
    let text = err.map(|err| err.to_string());
    assert_eq!(
        text.as_deref(),
        Some("`New` becomes `new`, a name the generated code uses itself")
    );
    Ok(())
}

// ---- The corpus: every name in the 43 capability files. ----

#[derive(Deserialize)]
struct File {
    capability: Capability,
}
#[derive(Deserialize)]
struct Capability {
    #[serde(default)]
    consumes: Vec<Adapter>,
}
#[derive(Deserialize)]
struct Adapter {
    #[serde(default)]
    resources: Vec<Resource>,
}
#[derive(Deserialize)]
struct Resource {
    operations: Vec<Operation>,
}
#[derive(Deserialize)]
struct Operation {
    name: String,
    #[serde(default, rename = "inputParameters")]
    input_parameters: Vec<Param>,
}
#[derive(Deserialize)]
struct Param {
    name: String,
    #[serde(rename = "in")]
    location: String,
}

type Corpus = Vec<(PathBuf, Vec<Operation>)>;

fn corpus() -> Result<Corpus, Box<dyn Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|path| path.extension().is_some_and(|ext| ext == "yaml"));
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let file: File = serde_saphyr::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|err| format!("{}: {err}", path.display()))?;
        let operations = file
            .capability
            .consumes
            .into_iter()
            .flat_map(|a| a.resources);
        files.push((path, operations.flat_map(|r| r.operations).collect()));
    }
    Ok(files)
}

fn check_value_ident(raw: &str) -> Result<RustIdent, Box<dyn Error>> {
    let ident = value_ident(raw)?;
    assert!(
        is_valid_ident(&ident),
        "`{raw}` -> `{ident}` is not an identifier"
    );
    let snake = ident
        .as_str()
        .bytes()
        .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'));
    assert!(snake, "`{raw}` -> `{ident}` is not snake_case");
    assert_eq!(
        value_ident(raw)?,
        ident,
        "`{raw}` converts differently twice"
    );
    assert_eq!(
        value_ident(ident.as_str())?,
        ident,
        "`{raw}` -> `{ident}` is not idempotent"
    );
    Ok(ident)
}

#[test]
fn corpus_names_convert_without_collisions() -> TestResult {
    let (mut operations, mut params) = (0, 0);
    for (path, ops) in corpus()? {
        let mut module = Scope::new(&[]);
        for op in &ops {
            let ident = check_value_ident(&op.name)?;
            module
                .claim_exact(ident, &op.name)
                .map_err(|err| format!("{path:?}: {err}"))?;
            let mut args = Scope::new(&[]);
            for param in &op.input_parameters {
                let ident = check_value_ident(&param.name)?;
                let claimed = args.claim(ident, &param.name, &param.location);
                assert!(
                    !claimed.renamed,
                    "{path:?} {}: `{}` renamed",
                    op.name, param.name
                );
            }
            params += op.input_parameters.len();
        }
        operations += ops.len();
    }
    assert_eq!((operations, params), (252, 410), "the corpus changed");
    Ok(())
}

/// The only corpus names where we differ from heck 0.5: plural acronyms and `OAuth`.
#[test]
fn corpus_differs_from_heck_only_by_design() -> TestResult {
    use heck::ToSnakeCase;
    for (_, ops) in corpus()? {
        let params = ops
            .iter()
            .flat_map(|op| &op.input_parameters)
            .map(|p| &p.name);
        for raw in ops.iter().map(|op| &op.name).chain(params) {
            let ours = snake_case(raw);
            let explained = raw.contains("OAuth") || raw.contains("URLs");
            assert!(
                ours == raw.to_snake_case() || explained,
                "`{raw}` -> `{ours}`"
            );
        }
    }
    Ok(())
}

/// Every distinct operation and parameter name with its identifier, so that a
/// naming change shows up as a diff of `tests/golden/names.txt`.
#[test]
fn golden_names() -> TestResult {
    let mut lines = BTreeSet::new();
    for (_, ops) in corpus()? {
        for op in &ops {
            lines.insert(format!("{} -> {}", op.name, value_ident(&op.name)?));
            for param in &op.input_parameters {
                lines.insert(format!("{} -> {}", param.name, value_ident(&param.name)?));
            }
        }
    }
    let actual: String = lines.into_iter().map(|line| line + "\n").collect();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/names.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden.parent().ok_or("no parent")?)?;
        std::fs::write(&golden, &actual)?;
    }
    let expected = std::fs::read_to_string(&golden)
        .map_err(|err| format!("{}: {err}; run with UPDATE_GOLDEN=1", golden.display()))?;
    assert!(
        expected == actual,
        "names changed; rerun with UPDATE_GOLDEN=1 and review the diff"
    );
    Ok(())
}

// ---- Properties. ----

fn check_any(result: Result<RustIdent, NameError>, raw: &str) -> Result<(), TestCaseError> {
    match result {
        Ok(ident) => prop_assert!(is_valid_ident(&ident), "{raw:?} -> {ident}"),
        Err(NameError::Empty { raw: got }) => {
            prop_assert_eq!(&got, raw);
            prop_assert!(words(raw).is_empty());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_name_gives_an_identifier_or_empty(raw in "[a-zA-Z0-9_*-]{0,24}") {
        check_any(value_ident(&raw), &raw)?;
        check_any(type_ident(&raw), &raw)?;
        check_any(const_ident(&raw), &raw)?;
        if let Ok(ident) = value_ident(&raw) {
            prop_assert_eq!(value_ident(ident.as_str()), Ok(ident));
        }
    }

    #[test]
    fn a_scope_never_hands_out_a_name_twice(
        raws in proptest::collection::vec("[a-zA-Z0-9_*-]{1,8}", 0..24),
    ) {
        let mut scope = Scope::new(&["client", "new"]);
        let mut seen = BTreeSet::new();
        for (index, raw) in raws.iter().enumerate() {
            let ident = value_ident(raw).unwrap_or_else(|_| positional_value_ident("p", index));
            let claimed = scope.claim(ident, raw, "query");
            prop_assert!(is_valid_ident(&claimed.ident));
            prop_assert!(seen.insert(claimed.ident.as_str().to_owned()), "{}", claimed.ident);
            prop_assert!(!["client", "new"].contains(&claimed.ident.as_str()));
        }
    }
}
