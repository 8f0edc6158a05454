/**
 * The ceiling for the token benchmark: a bare oidc-provider with its in-memory adapter, one
 * static client, and the same ES384 JWT access tokens Latch issues. Prints its port when ready.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

const key = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' });
const server = http.createServer();
server.listen(0, () => {
  const { port } = server.address() as AddressInfo;
  const provider = new Provider(`http://localhost:${port}/oidc`, {
    clients: [
      {
        client_id: 'bench',
        client_secret: 'bench-secret-bench-secret',
        grant_types: ['client_credentials'],
        id_token_signed_response_alg: 'ES384',
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys: [{ ...key, alg: 'ES384', use: 'sig', kid: 'bench' }] as never },
    enabledJWA: { idTokenSigningAlgValues: ['ES384'] } as never,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => undefined as unknown as string,
        useGrantedResource: async () => false,
        getResourceServerInfo: async (_ctx, indicator) => ({
          scope: 'all',
          audience: indicator,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'ES384' } },
        }),
      },
    },
  });
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res) => {
    req.originalUrl = req.url;
    req.url = req.url?.replace(/^\/oidc/, '') || '/';
    callback(req, res);
  });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
