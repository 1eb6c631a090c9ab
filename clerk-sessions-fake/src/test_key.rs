//! The fake's RSA keys. **Test-only: never use them for anything real.**
//!
//! Two 2048-bit RSA keys generated once for this crate with
//! `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`, stored as
//! PKCS#8 PEM, with their public halves as SPKI PEM
//! (`openssl pkey -pubout`). The first signs every token the fake mints and
//! is the one its JWKS publishes; the second is published nowhere, for
//! "signed by another key" tests. Both are public (they ship in this source
//! file), so a token they sign proves nothing outside tests.

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

/// SPKI PEM (`BEGIN PUBLIC KEY`) of [`TEST_RSA_PKCS8_PEM`].
pub(crate) const TEST_RSA_SPKI_PEM: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9FSMUgb2y3VimjcS5sFe\n\
sJwisxoxsPsHcNGuQA4KywbF8fWRyPmHFEK8lsWSv6j0zASoTCk+2dCzZA7HglZc\n\
V5pXSSC2xto9xmFicaX8cxxHGpEzDgG07omiPne0rfrmwxv9RBTozqBqaMESSMiO\n\
VE0i6Qgbb4BZ3IPgTMEtEBtjXmU3KBOB0c6uH5gqD0DNOp0pxAXHZcFxjxSXGjhU\n\
yzYENoh4psdodVNN5pcxY9S97cvKuBQjYBg5lw5QtCQbqp1Jpp1+Tkwv5zLAWwD8\n\
mGUUuVJINu+6Q1bvgfbRg7E4S4wobxxLIr4bf7Szrv3sJveU95mGm1jRuog+HqXo\n\
dQIDAQAB\n\
-----END PUBLIC KEY-----\n\
";

/// PKCS#8 PEM of the second key, which no JWKS of the fake publishes.
pub(crate) const OTHER_RSA_PKCS8_PEM: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDld+l6brQ2j7va\n\
PSVXsgd7mlNkHPSM6/XESCfeU84AgDhLdKNLmvpSB4QdCGiRrnbyPtMzNq8A8lS/\n\
irCfoArcnuttcL4CLVZC6yIWkM4Aw/VVehV6vfEKaRSRrah3LB796DQO/5CNuY+x\n\
XJ8UVpJJN20cjYyXKMl5GhBXd8h8yb8/voSE/E4ZUyBKlKl5en+Hk8VJjYarofot\n\
FyaMMl47na9YKCt373SS1idCIi3w+mFInyeUIem8EpGPvYiVc2GMUg/JJMuPAXHI\n\
GlMGf+IUCJxMq0rUKzgRYAam03A6Rb0U4LM2JQdA7/t1Bi8btAG06THGN61LapER\n\
yOVpJ/8xAgMBAAECggEACe0lAXHWg+G125v3iJKf9j3Xy6XhAlOWvxXr+5ceezEQ\n\
vlreUX/zwianFWZut5aXeKU1F6sO6PiSp/KE73LJ5X9Oad6NqaRybdSkFdvPvYK8\n\
kyUD1tpumeevxxl/ByC2en9X+SofA7J6P87k5slT7KzkIG8THNrb1ExHVrFMz/EJ\n\
RkpGonQ4OIQ9aCAMmQW5SEzYcr4JSLPMUa0tgDBVML5dBqdxd0goQNEeNOCZjGdg\n\
v0xmMvbFQ91e+7Na40LHgU0FFpaHhTQiIPufm8BT3Fl5X8oU1zqkKEraEgvTFDp8\n\
P/4ZcFp/g6kMsUAOQ9bdIO7hLgjwNwRMEbgWduZDrQKBgQD4FlO7eOKZF6ciuCsa\n\
I4Ik4Rjq9LqOqx3UbgpHRK22pAlrbdJMcuFAVmoTQmvNjN7AgqIv2DArJ+mTUEPG\n\
uf26VWJboUUHnyJOpA2ESKqGDom3BsNv/vYFTAyVv1G5yQ6PYT+sUSQ0l1nopbe2\n\
2bybTl70ZFpb2sSHQiNHSnO5twKBgQDsyY8u1u1PFPRT3ZdG0Y/CZxPvDBbIE4/i\n\
bhjGmCvD8Hl3kLc0G2TA1c7dL/MzPaWXrq11fTBNMfJgIGHGUQ9dV5PVa+eFeT+6\n\
Ye2CrNzjrlN8gGD685hnJpP4/tBDH+UNgwQjHhQRlk0rb0AQyJeBJctV85kHZfJs\n\
mQBaNzMuVwKBgQCZoPnpNkrckxElJvdKEIMfY2WS2kpM3xpx2lLzH0yTtbE/nZqF\n\
TP7AYML/ejpX58xpWnwlNLNfhi/W0fWmsra1FPr70zp0Jc+Q83aLXJR8v7P4a2/L\n\
gw/G5/lDIl7xtdgWYhqUEwtgpfk/YKAL03pAkp+qqBpsl2TsfcBq/Wf8sQKBgFIS\n\
2yplHQRYQwf+ury1TpsXl3U4P31CKpFVkAjmHeVgqPmkk5vgEuA0O+u2/xk3uPoG\n\
deFPbzqSoWxoTPushSLZhEhpimpdSJWV8/ljaX0Ro6Z36SWS4bR/TrLzv8REfeRd\n\
EUYK2vHtovn3KcGnhbwiGYTFVrmVwJ2but+KWpcpAoGBALDsgy08mzl7iciy+7iC\n\
ZcE5vYtfXrfhWJ13JjuS79hg2Zsa7naEiVT0zQiejGZFb676brpGKBOGpc8Roo9r\n\
5RmcV3by5+oHY1v8FhnSjWsoMYNyw15ZWNJ5LToJQ6O0QxybAts7SlhpU2NBhbPO\n\
zgj03IyKLit4qxwQTmIkwW8m\n\
-----END PRIVATE KEY-----\n\
";

/// SPKI PEM of [`OTHER_RSA_PKCS8_PEM`].
pub(crate) const OTHER_RSA_SPKI_PEM: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5Xfpem60No+72j0lV7IH\n\
e5pTZBz0jOv1xEgn3lPOAIA4S3SjS5r6UgeEHQhoka528j7TMzavAPJUv4qwn6AK\n\
3J7rbXC+Ai1WQusiFpDOAMP1VXoVer3xCmkUka2odywe/eg0Dv+QjbmPsVyfFFaS\n\
STdtHI2MlyjJeRoQV3fIfMm/P76EhPxOGVMgSpSpeXp/h5PFSY2Gq6H6LRcmjDJe\n\
O52vWCgrd+90ktYnQiIt8PphSJ8nlCHpvBKRj72IlXNhjFIPySTLjwFxyBpTBn/i\n\
FAicTKtK1Cs4EWAGptNwOkW9FOCzNiUHQO/7dQYvG7QBtOkxxjetS2qREcjlaSf/\n\
MQIDAQAB\n\
-----END PUBLIC KEY-----\n\
";
