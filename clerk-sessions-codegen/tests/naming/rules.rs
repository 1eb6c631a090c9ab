//! Case conversion rules: the §4.1 vectors, acronyms and digits, keywords,
//! empty and short names, and suffixes.

use clerk_sessions_codegen::names::{
    NameError, RustIdent, const_ident, pascal_case, positional_value_ident, snake_case, type_ident,
    value_ident, words,
};

use crate::support::{TestResult, check_table, is_valid_ident, show};

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
