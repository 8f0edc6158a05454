/**
 * Published Logto connector packages (`@logto/connector-*`, connector-kit), installed into the
 * connectors folder by `npm run cli -- connector add <package>` and loaded at start. Each
 * package's `createConnector({ getConfig })` is adapted to this server's connector interface:
 * the config is handed to it per call, connector-kit errors become `connector.<code>` errors.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../errors/api-error.ts';
import type { Logger } from '../logger.ts';
import type { ConnectorFactory, ConnectorMetadata, MessageConnector, SocialConnector } from './types.ts';

type KitConnector = {
  type: 'Email' | 'Sms' | 'Social';
  metadata: ConnectorMetadata;
  configGuard: { safeParse(value: unknown): { success: boolean } };
  sendMessage?(data: object, config?: unknown): Promise<unknown>;
  getAuthorizationUri?(
    payload: object,
    setSession: (session: Record<string, unknown>) => Promise<void>,
  ): Promise<string>;
  getUserInfo?(data: object, getSession: () => Promise<object | undefined>): Promise<Record<string, unknown>>;
};
type CreateConnector = (options: { getConfig: (id: string) => Promise<unknown> }) => Promise<KitConnector>;

const statusOf = (code: string) =>
  code === 'not_implemented'
    ? 501
    : code.startsWith('social_') || code === 'authorization_failed'
      ? 401
      : 400;

/** connector-kit's `ConnectorError` → a Logto error code; anything else passes. */
const translate = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const kind = [(error as Error).name, (error as object)?.constructor?.name];
    if (kind.includes('ConnectorError') && typeof code === 'string') {
      throw new ApiError(`connector.${code}` as 'connector.general', {
        status: statusOf(code),
        data: { message: (error as Error).message },
        interpolation: { errorDescription: '' },
      });
    }
    throw error;
  }
};

/** A relative logo is inlined (spec §7.2). */
const inlineLogo = (directory: string, logo: string) => {
  if (/^(https?:|data:)/.test(logo)) return logo;
  const file = path.resolve(directory, logo);
  if (!file.startsWith(`${path.resolve(directory)}${path.sep}`) || !fs.existsSync(file)) return logo;
  const type = file.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
  return `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
};

const adapt = (create: CreateConnector, kit: KitConnector, directory: string): ConnectorFactory => {
  const metadata = { ...kit.metadata, logo: inlineLogo(directory, kit.metadata.logo ?? '') };
  const configGuard = kit.configGuard as unknown as ConnectorFactory['configGuard'];
  const withConfig = (config: unknown) => create({ getConfig: async () => config });
  if (kit.type === 'Social') {
    const social: SocialConnector = {
      type: 'Social',
      metadata,
      configGuard,
      getAuthorizationUri: (request, config, setSession) =>
        translate(async () => {
          const connector = await withConfig(config);
          if (!connector.getAuthorizationUri)
            throw new ApiError('connector.not_implemented', { status: 501 });
          return connector.getAuthorizationUri(
            { ...request, connectorFactoryId: metadata.id, headers: {} },
            setSession,
          );
        }),
      getUserInfo: (data, config, getSession) =>
        translate(async () => {
          const connector = await withConfig(config);
          if (!connector.getUserInfo) throw new ApiError('connector.not_implemented', { status: 501 });
          const info = await connector.getUserInfo(data, getSession);
          if (typeof info.id !== 'string') throw new ApiError('connector.invalid_response', { status: 400 });
          return info as { id: string };
        }),
    };
    return social;
  }
  const message: MessageConnector = {
    type: kit.type,
    metadata,
    configGuard,
    sendMessage: (data, config) =>
      translate(async () => {
        if (!kit.sendMessage) throw new ApiError('connector.not_implemented', { status: 501 });
        await kit.sendMessage(data, config);
      }),
  };
  return message;
};

const isKitConnector = (value: unknown): value is KitConnector => {
  const candidate = value as KitConnector | undefined;
  return (
    candidate !== undefined &&
    ['Email', 'Sms', 'Social'].includes(candidate.type) &&
    typeof candidate.metadata?.id === 'string' &&
    typeof candidate.configGuard?.safeParse === 'function'
  );
};

/** The connectors installed in `directory` (its package.json's dependencies), adapted. */
export const loadConnectorPackages = async (
  directory: string,
  logger: Logger,
): Promise<ConnectorFactory[]> => {
  const manifest = path.join(directory, 'package.json');
  if (!fs.existsSync(manifest)) return [];
  const names = Object.keys(
    (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> })
      .dependencies ?? {},
  );
  const require = createRequire(manifest);
  const factories: ConnectorFactory[] = [];
  for (const name of names) {
    try {
      const entry = require.resolve(name);
      const module = (await import(pathToFileURL(entry).href)) as { default?: CreateConnector };
      const create = module.default;
      if (typeof create !== 'function') throw new Error('no default createConnector export');
      const kit = await create({ getConfig: async () => ({}) });
      if (!isKitConnector(kit)) throw new Error('not a connector-kit connector');
      factories.push(adapt(create, kit, path.join(directory, 'node_modules', name)));
      logger.info({ package: name, connectorId: kit.metadata.id }, 'connector package loaded');
    } catch (error) {
      logger.warn({ package: name, err: error }, 'connector package skipped');
    }
  }
  return factories;
};
