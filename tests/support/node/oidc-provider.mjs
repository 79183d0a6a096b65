// A real OpenID Connect provider for the sign-in tests: panva's `oidc-provider` (an OpenID-certified
// implementation, from the npm registry), with a test login page in place of a user directory.
//
// Run with the working directory holding node_modules (tests/support/lib.rs does):
//   OIDC_CLIENT_ID=… OIDC_CLIENT_SECRET=… OIDC_REDIRECT_URI=… node --input-type=module --eval "$(cat oidc-provider.mjs)"
// It prints `listening <port>` once ready. The login page asks for a user name only: whoever types a
// name is that account (`sub` = `preferred_username` = the name). A `login_hint` on the authorisation
// request signs that account in without the page, for tests that drive the flow over HTTP. A name
// ending `+mfa` signs in with `amr: ["pwd", "otp"]`, as an identity provider that asked for a second
// factor would.
import http from 'node:http';
import Provider from 'oidc-provider';

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  // Claims in the ID token itself, as Entra ID and Keycloak send them.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', 'amr'], profile: ['preferred_username', 'name'], email: ['email'] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, preferred_username: id, name: id, email: `${id}@idp.example` }),
  }),
  features: { devInteractions: { enabled: false } },
  // First-party client: consent is not asked.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['preferred_username', 'email', 'name']);
    await grant.save();
    return grant;
  },
});

function finish(req, res, name) {
  const mfa = name.endsWith('+mfa');
  const accountId = mfa ? name.slice(0, -4) : name;
  const amr = mfa ? ['pwd', 'otp'] : ['pwd'];
  return provider.interactionFinished(req, res, { login: { accountId, amr } }, { mergeWithLastSubmission: false });
}

const page = (uid) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1><form method="post" action="/interaction/${uid}">
<label for="login">User name</label> <input id="login" name="login" autocomplete="username" required>
<button type="submit">Sign in</button></form></main></body></html>`;

const handler = provider.callback();
server.on('request', async (req, res) => {
  const m = /^\/interaction\/([^/?]+)/.exec(req.url);
  if (!m) return handler(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const name = new URLSearchParams(body).get('login') || '';
      return await finish(req, res, name.trim());
    }
    if (details.params.login_hint) return await finish(req, res, details.params.login_hint);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page(details.uid));
  } catch (e) {
    res.statusCode = 400;
    res.end(String(e));
  }
});
console.log(`listening ${port}`);
