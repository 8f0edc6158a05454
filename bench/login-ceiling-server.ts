/**
 * The ceiling for the login benchmark: what any server built on oidc-provider can reach on this
 * machine. A bare oidc-provider with its in-memory adapter, one public PKCE client, ES384 ID
 * tokens, users in memory, and the same three experience-API calls the benchmark makes
 * (`PUT /api/interaction` checks the password with Latch's own hashing pool and keeps the result
 * in the interaction; `submit` and `consent` finish the interaction). No database, no audit log,
 * no lockout, no validation: only the provider's work and the hash. Listens on `PORT`, and
 * answers `GET /api/status` with 204 once ready, as Latch does.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';
import { hashPassword, verifyPassword } from '../src/libraries/passwords.ts';

const [password = '', redirectUri = '', count = '0'] = process.argv.slice(2);
const key = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' });
const hashes = new Map<string, string>();
for (let index = 0; index < Number(count); index++)
  hashes.set(`bench_${index}`, await hashPassword(password));

const readBody = async (req: http.IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

const server = http.createServer();
// Exit on SIGTERM through process.exit, so the loop probe's exit handler reports.
process.on('SIGTERM', () => process.exit(0));
const port = Number(process.env.PORT);
server.listen(port, () => {
  const provider = new Provider(`http://localhost:${port}/oidc`, {
    clients: [
      {
        client_id: 'bench',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
        id_token_signed_response_alg: 'ES384',
      },
    ],
    cookies: { keys: ['bench-cookie-key-bench-cookie-key'] },
    jwks: { keys: [{ ...key, alg: 'ES384', use: 'sig', kid: 'bench' }] as never },
    enabledJWA: { idTokenSigningAlgValues: ['ES384'] } as never,
    features: { devInteractions: { enabled: false } },
    interactions: { url: () => '/sign-in' },
    findAccount: (_ctx, sub) =>
      hashes.has(sub) ? { accountId: sub, claims: () => ({ sub, username: sub }) } : undefined,
  });
  const callback = provider.callback();
  const api = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    const body = await readBody(req);
    const send = (status: number, value?: unknown) => {
      res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    if (req.method === 'PUT' && req.url === '/api/interaction') {
      const { username = '', password: given = '' } = (body.identifier ?? {}) as Record<string, string>;
      const stored = hashes.get(username);
      const ok = await verifyPassword(given, stored ? { encrypted: stored, method: 'Argon2id' } : undefined);
      if (!ok) return send(422, { code: 'session.invalid_credentials' });
      details.result = { accountId: username };
      await details.save(600);
      return send(204);
    }
    if (req.url === '/api/interaction/submit') {
      const accountId = (details.result as { accountId?: string } | undefined)?.accountId;
      if (!accountId) return send(400, { code: 'session.verification_session_not_found' });
      const redirectTo = await provider.interactionResult(req, res, { login: { accountId } });
      return send(200, { redirectTo });
    }
    if (req.url === '/api/interaction/consent' && details.session?.accountId) {
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: 'bench' });
      grant.addOIDCScope('openid');
      const redirectTo = await provider.interactionResult(req, res, {
        consent: { grantId: await grant.save() },
      });
      return send(200, { redirectTo });
    }
    send(404);
  };
  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res) => {
    if (req.url === '/api/status') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.url?.startsWith('/api/')) {
      api(req, res).catch(() => {
        res.writeHead(400);
        res.end();
      });
      return;
    }
    req.originalUrl = req.url;
    req.url = req.url?.replace(/^\/oidc/, '') || '/';
    callback(req, res);
  });
});
