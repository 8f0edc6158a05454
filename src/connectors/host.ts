/**
 * The connector host: the factories this server offers, and a tenant's connectors (rows of
 * `connectors` joined with their factory; rows whose factory is not offered are ignored, spec
 * §7.2). Messages and social sign-ins go through here.
 */
import type { Queryable } from '../db/driver.ts';
import { type ConnectorRow, findConnectorRowById, findConnectorRows } from '../db/queries/connectors.ts';
import { ApiError } from '../errors/api-error.ts';
import { createSecretBox, type SecretBox } from '../libraries/secret-box.ts';
import type {
  ConnectorFactory,
  ConnectorMetadata,
  ConnectorType,
  MessageConnector,
  SocialConnector,
  VerificationCodeType,
} from './types.ts';

export type Connector = { row: ConnectorRow; factory: ConnectorFactory; metadata: ConnectorMetadata };

const configurable = ['target', 'name', 'logo', 'logoDark'] as const;

const merge = (row: ConnectorRow, factory: ConnectorFactory): Connector => {
  const overrides = Object.fromEntries(
    configurable.filter((key) => row.metadata[key] !== undefined).map((key) => [key, row.metadata[key]]),
  );
  return { row, factory, metadata: { ...factory.metadata, ...overrides } };
};

export type ConnectorHost = ReturnType<typeof createConnectorHost>;

export const createConnectorHost = (
  factories: readonly ConnectorFactory[],
  secrets: SecretBox = createSecretBox(undefined),
) => {
  const byId = new Map(factories.map((factory) => [factory.metadata.id, factory]));

  const opened = (row: ConnectorRow): ConnectorRow => ({ ...row, config: secrets.open(row.config) });

  const list = async (db: Queryable, tenantId: string): Promise<Connector[]> =>
    (await findConnectorRows(db, tenantId)).flatMap((row) => {
      const factory = byId.get(row.connectorId);
      return factory ? [merge(opened(row), factory)] : [];
    });

  const find = async (db: Queryable, tenantId: string, id: string): Promise<Connector | undefined> => {
    const row = await findConnectorRowById(db, tenantId, id);
    const factory = row && byId.get(row.connectorId);
    return row && factory ? merge(opened(row), factory) : undefined;
  };

  return {
    factories,
    /** A config as it is stored: encrypted when a key is configured. */
    sealConfig: (config: Record<string, unknown>) => secrets.seal(config),
    factory: (id: string) => byId.get(id),
    list,
    find,

    /** The tenant's one connector of a message type, or `connector.not_found` (400). */
    async messageConnector(db: Queryable, tenantId: string, type: 'Email' | 'Sms') {
      const connector = (await list(db, tenantId)).find((candidate) => candidate.factory.type === type);
      if (!connector) throw new ApiError('connector.not_found', { status: 400, interpolation: { type } });
      return connector as Connector & { factory: MessageConnector };
    },

    async send(
      db: Queryable,
      tenantId: string,
      to: { email: string } | { phone: string },
      type: VerificationCodeType,
      code: string,
    ) {
      const connector = await this.messageConnector(db, tenantId, 'email' in to ? 'Email' : 'Sms');
      await connector.factory.sendMessage(
        { to: 'email' in to ? to.email : to.phone, type, payload: { code } },
        connector.row.config,
      );
    },

    /** A social connector by its id, or `session.invalid_connector_id` (422). */
    async socialConnector(db: Queryable, tenantId: string, connectorId: string) {
      const connector = await find(db, tenantId, connectorId);
      if (connector?.factory.type !== 'Social') {
        throw new ApiError('session.invalid_connector_id', { status: 422, interpolation: { connectorId } });
      }
      return connector as Connector & { factory: SocialConnector };
    },

    async hasType(db: Queryable, tenantId: string, type: ConnectorType) {
      return (await list(db, tenantId)).some((connector) => connector.factory.type === type);
    },
  };
};
