-- Single sign-on: each force's OpenID Connect identity provider, the sign-ins under way (state, nonce
-- and PKCE verifier between leaving for the provider and coming back), and the identity at the
-- provider each user is linked to on their first sign-in through it.
CREATE TABLE identity_providers (
    force_code TEXT PRIMARY KEY NOT NULL REFERENCES forces(code),
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    username_claim TEXT NOT NULL CHECK (username_claim IN ('preferred_username', 'email', 'sub')),
    username_domain TEXT NULL,
    label TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE sso_sign_ins (
    state TEXT PRIMARY KEY NOT NULL,
    force_code TEXT NOT NULL REFERENCES forces(code),
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    user_id TEXT NULL,
    finished_at TIMESTAMP NULL
);
CREATE INDEX sso_sign_ins_created ON sso_sign_ins(created_at);
ALTER TABLE users ADD COLUMN sso_issuer TEXT NULL;
ALTER TABLE users ADD COLUMN sso_subject TEXT NULL;
