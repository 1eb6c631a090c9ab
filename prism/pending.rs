// The one place that lists what the Prism test does not cover yet, and why.
// Remove an entry when the generator handles it: the build script warns when
// a listed file starts to generate, and the test fails when a listed
// operation passes Prism's request validation.

/// Capability files (by stem) that do not generate typed code yet, with why.
/// Every other file of `clerk-sessions-codegen/tests/corpus/` is covered (the
/// workflow file `clerk-user-lifecycle` consumes no API: nothing to call).
#[rustfmt::skip]
pub const PENDING_FILES: &[(&str, &str)] = &[
    ("clerk-backend-api-clients", "a type named `Client` collides with the generated client"),
    ("clerk-backend-api-instance-settings", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-active-sessions", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-checkouts", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-client", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-email-addresses", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-invitations", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-members", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-membership-requests", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-payment-methods", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-sessions", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-sign-ups", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-statements", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-totp", "an enum value `\"\"` makes no identifier"),
    ("clerk-frontend-api-user", "an enum value `\"\"` makes no identifier"),
];

/// Operations of covered files whose requests the generator does not send
/// as the document says yet: `(file stem, operation, why)`. Prism's request
/// violations for them are printed, not failures.
#[rustfmt::skip]
pub const PENDING_OPERATIONS: &[(&str, &str, &str)] = &[
    ("clerk-backend-api-billing", "CreateBillingPrice", "required, nullable body field `amount` is generated as an optional setter and omitted when unset; the document requires the key (it may be null)"),
    ("clerk-backend-api-invitations", "CreateBulkInvitations", "array body (`type: array`) is generated as an empty object"),
    ("clerk-backend-api-organizations", "UploadOrganizationLogo", "multipart body sent as JSON: multipart bodies are being implemented"),
    ("clerk-backend-api-users", "SetUserProfileImage", "multipart body sent as JSON: multipart bodies are being implemented"),
    ("clerk-platform-api-applications", "PlatformUploadApplicationLogo", "multipart body sent as JSON: multipart bodies are being implemented"),
    ("clerk-platform-api-applications", "PlatformUploadApplicationFavicon", "multipart body sent as JSON: multipart bodies are being implemented"),
    ("clerk-frontend-api-oauth2-identity-provider", "requestOAuthAuthorizePOST", "form body (`application/x-www-form-urlencoded`) sent as JSON: form bodies are being implemented"),
    ("clerk-frontend-api-oauth2-identity-provider", "getOAuthToken", "form body (`application/x-www-form-urlencoded`) sent as JSON: form bodies are being implemented"),
    ("clerk-frontend-api-oauth2-identity-provider", "getOAuthTokenInfo", "form body (`application/x-www-form-urlencoded`) sent as JSON: form bodies are being implemented"),
    ("clerk-frontend-api-oauth2-identity-provider", "revokeOAuthToken", "form body (`application/x-www-form-urlencoded`) sent as JSON: form bodies are being implemented; and its only security is HTTP Basic client credentials (`ClientCredentials`), which no generated client sends"),
    ("clerk-frontend-api-oauth2-identity-provider", "submitOAuthConsent", "form body (`application/x-www-form-urlencoded`) sent as JSON: form bodies are being implemented"),
];
