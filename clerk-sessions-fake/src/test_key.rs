//! The fake's RSA signing key. **Test-only: never use it for anything real.**
//!
//! A 2048-bit RSA key generated once for this crate with
//! `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`, stored as
//! PKCS#8 PEM. It is public (it ships in this source file), so a token it
//! signs proves nothing outside tests.

/// PKCS#8 PEM of the fake's RSA private key.
pub(crate) const TEST_RSA_PKCS8_PEM: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQD0VIxSBvbLdWKa\n\
NxLmwV6wnCKzGjGw+wdw0a5ADgrLBsXx9ZHI+YcUQryWxZK/qPTMBKhMKT7Z0LNk\n\
DseCVlxXmldJILbG2j3GYWJxpfxzHEcakTMOAbTuiaI+d7St+ubDG/1EFOjOoGpo\n\
wRJIyI5UTSLpCBtvgFncg+BMwS0QG2NeZTcoE4HRzq4fmCoPQM06nSnEBcdlwXGP\n\
FJcaOFTLNgQ2iHimx2h1U03mlzFj1L3ty8q4FCNgGDmXDlC0JBuqnUmmnX5OTC/n\n\
MsBbAPyYZRS5Ukg277pDVu+B9tGDsThLjChvHEsivht/tLOu/ewm95T3mYabWNG6\n\
iD4epeh1AgMBAAECggEAIF+Jfh7dGWUyzOMqNnf9n2H4uQlp9xyzxi+KKoORy4fY\n\
t3AFwn7JdpZHHaUNBicRVGzzja/TW5HrCwFoTu05bAQPt6lFfoCROdVScWOAWRIw\n\
m6UMgjkYq5iB7kv3HSxG4ig1vQ0WMbaQktOuJAWq0iGsU/sWg4Yaofy5PgJEgcMU\n\
9Pn8Q4KEnDG3KAdLsAkwKATKG9Qollbx9Yqq0taM1QdFJtcjcwilTz9ZGe+CGHAr\n\
J0eKUQLSggfTEWOfSDCthiL2dMYLjOG8azcEi0w7RuisTYTnTNXEudhqSAtrpjA+\n\
/8kVO8yG4rCbwf0w2T9u65698TpIn8ECqNOrs/yxUQKBgQD+Z7tMWNXvgPB6ltKE\n\
9ZWGz6WhlLu4YkNbmXqJ+HQSxEIjdooeJLRfdfvfLxy1CKkBNAh4yAR8lAT/7YSU\n\
/T2JBX7bG7swzCzA8hh7spTl4SonXPvXExxW+Wy446pBLzzAFGCJws6zG5f7SNT9\n\
Q+iyRnBkONUSrvFJ2b8YxwF2jQKBgQD13KX1rGo3oB5bV2g9+uEs/7sMKydveece\n\
VRo1xYYP83ZqVeHWMP+NfTT1bDWwwrN3SMF9SdAEDPBNRpQqIIhyokY6i6K/Gfyb\n\
dfO6h3gGwyReKjLkmJWBSFGZpZq+Af/HCFZLFSUy/U1pPIVjD9/f+PpbXHSmzpDD\n\
RdKjT5UTiQKBgQCgJ1tAp9geC1TYR6RFsXitQoEppEE8xRdUTd1XiAJCYiykuJYg\n\
fcjTI6opCTaQPOBv8nq21mwEpQY0uyiwxm97l+sRMnb4NECkQoPpMzYLNWFdIGsm\n\
LVC07BZmmmPu3zbmUK2pa+rF1EQsG+CBg8O0nyVX4nM4bMtXS23Cwl0IbQKBgCBz\n\
UQxOB270GU2hCcc0d8gCsON4Rqo2AsVEIkN6oKk2TyjV0Qr+SJyaLAVAlQ2RhTJ3\n\
TeKFfYkrVAQ/DotI4/mNZYuQpphmi6rRNKwn+TWbSA+Nrk3xvbnkm7CV5QizJtlU\n\
Rl9+mPxT5oW/UTO0Aq6DJDguyc7CcOT1MEoR1PFRAoGAD+FAjyB7L07RUKhZLjVX\n\
zMshRSJEDtsDkda0JvkIbQQS6d2+wTFQRM1Kcgx7npd6NoOCW5VgTwur2TiWZ0Nk\n\
upNWwWUmpspyS26JZDSK8LRdsLEE2k/d0TY0+JK7q2/wQc+5oSruNFHztPhR07C/\n\
PRTbVq+vuZjvErs/IQLYi/A=\n\
-----END PRIVATE KEY-----\n\
";
