/** Connector factories and a tenant's connectors (spec §7.4). */
import { z } from 'zod';
import type { Connector, ConnectorHost } from '../connectors/host.ts';
import type { ConnectorFactory } from '../connectors/types.ts';
import type { Db } from '../db/driver.ts';
import { deleteConnectorRows, insertConnectorRow, updateConnectorRow } from '../db/queries/connectors.ts';
import { findSignInExperience, updateSignInExperience } from '../db/queries/sign-in-experiences.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { customAlphabetId } from '../libraries/ids.ts';
import { emailGuard, phoneGuard } from '../schemas/user.ts';

const factoryResponse = (factory: ConnectorFactory) => ({
  type: factory.type,
  ...factory.metadata,
  isDemo: false,
});

const connectorResponse = ({ row, factory, metadata }: Connector) => ({
  type: factory.type,
  ...metadata,
  id: row.id,
  connectorId: factory.metadata.id,
  syncProfile: row.syncProfile,
  metadata: row.metadata,
  isDemo: false,
  config: row.config,
});

const responseGuard = z.looseObject({ id: z.string(), type: z.enum(['Email', 'Sms', 'Social']) });

const metadataGuard = z
  .object({
    target: z.string().min(1).max(128),
    name: z.record(z.string(), z.string()),
    logo: z.string().max(2048),
    logoDark: z.string().max(2048).nullable(),
  })
  .partial();

const notFound = () => new ApiError('entity.not_found', { status: 404 });

const validateConfig = (factory: ConnectorFactory, config: unknown) => {
  const parsed = factory.configGuard.safeParse(config);
  if (!parsed.success)
    throw new ApiError('connector.invalid_config', { status: 400, data: parsed.error.issues });
};

export const registerConnectorRoutes = (
  router: Router,
  { db, connectors }: { db: Db; connectors: ConnectorHost },
) => {
  const requireConnector = async (tenantId: string, id: string) => {
    const connector = await connectors.find(db, tenantId, id);
    if (!connector) throw notFound();
    return connector;
  };

  router.add(
    defineRoute({
      method: 'get',
      path: '/connector-factories',
      summary: 'List the connector factories this server offers',
      response: z.array(responseGuard),
      status: [200, 401, 403],
      handler: async () => connectors.factories.map(factoryResponse),
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/connector-factories/:id',
      summary: 'Get a connector factory',
      params: z.object({ id: z.string().min(1) }),
      response: responseGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }) => {
        const factory = connectors.factory(id);
        if (!factory) throw notFound();
        return factoryResponse(factory);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/connectors',
      summary: 'List the tenant’s connectors',
      query: z.object({ target: z.string().min(1).optional() }),
      response: z.array(responseGuard),
      status: [200, 401, 403],
      handler: async ({ query }, ctx) =>
        (await connectors.list(db, ctx.state.tenant.id))
          .filter((connector) => !query.target || connector.metadata.target === query.target)
          .map(connectorResponse),
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/connectors/:id',
      summary: 'Get a connector',
      params: z.object({ id: z.string().min(1) }),
      response: responseGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) =>
        connectorResponse(await requireConnector(ctx.state.tenant.id, id)),
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/connectors',
      summary: 'Add a connector',
      description:
        'A tenant has one email and one SMS connector: adding one removes the other connectors of its type. `config` is checked with the factory’s guard.',
      body: z.object({
        connectorId: z.string().min(1).max(128),
        config: z.record(z.string(), z.unknown()).optional(),
        metadata: metadataGuard.optional(),
        syncProfile: z.boolean().optional(),
        id: z.string().min(1).max(128).optional(),
      }),
      response: responseGuard,
      status: [200, 400, 401, 403, 422],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const factory = connectors.factory(body.connectorId);
        if (!factory) {
          throw new ApiError('connector.not_found_with_connector_id', {
            status: 422,
            interpolation: { connectorId: body.connectorId },
          });
        }
        const isStandard = factory.metadata.isStandard === true;
        if (isStandard) assertThat(body.metadata?.target, 'connector.should_specify_target', { status: 400 });
        else {
          assertThat(!body.metadata, 'connector.cannot_overwrite_metadata_for_non_standard_connector', {
            status: 400,
          });
        }
        assertThat(
          !body.syncProfile || factory.type === 'Social',
          'connector.invalid_type_for_syncing_profile',
          {
            status: 422,
          },
        );
        validateConfig(factory, body.config ?? {});

        const existing = await connectors.list(db, tenantId);
        if (
          !isStandard &&
          existing.some((connector) => connector.factory.metadata.id === factory.metadata.id)
        ) {
          throw new ApiError('connector.multiple_instances_not_supported', { status: 422 });
        }
        const target = body.metadata?.target ?? factory.metadata.target;
        const sameTarget = existing.find(
          (connector) =>
            factory.type === 'Social' &&
            connector.factory.type === 'Social' &&
            connector.metadata.target === target &&
            connector.metadata.platform === factory.metadata.platform,
        );
        if (sameTarget) {
          throw new ApiError('connector.multiple_target_with_same_platform', {
            status: 422,
            data: { connectorId: sameTarget.row.id, connectorName: sameTarget.metadata.name },
          });
        }

        const id = body.id ?? customAlphabetId(12);
        await db.transaction(async (tx) => {
          await insertConnectorRow(tx, {
            tenantId,
            id,
            connectorId: factory.metadata.id,
            config: connectors.sealConfig(body.config ?? {}),
            metadata: body.metadata ?? {},
            syncProfile: body.syncProfile ?? false,
          });
          if (factory.type !== 'Social') {
            const others = existing.filter((connector) => connector.factory.type === factory.type);
            if (others.length > 0)
              await deleteConnectorRows(
                tx,
                tenantId,
                others.map((other) => other.row.id),
              );
          }
        });
        return connectorResponse(await requireConnector(tenantId, id));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/connectors/:id',
      summary: 'Update a connector',
      description: '`config` and `metadata` are replaced as a whole.',
      params: z.object({ id: z.string().min(1) }),
      body: z.object({
        config: z.record(z.string(), z.unknown()).optional(),
        metadata: metadataGuard.optional(),
        syncProfile: z.boolean().optional(),
      }),
      response: responseGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { id }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const connector = await requireConnector(tenantId, id);
        const { factory } = connector;
        if (body.metadata) {
          assertThat(
            factory.metadata.isStandard === true,
            'connector.cannot_overwrite_metadata_for_non_standard_connector',
            {
              status: 400,
            },
          );
          assertThat(
            body.metadata.target === undefined || body.metadata.target === connector.metadata.target,
            'connector.can_not_modify_target',
            { status: 400 },
          );
        }
        assertThat(
          !body.syncProfile || factory.type === 'Social',
          'connector.invalid_type_for_syncing_profile',
          {
            status: 422,
          },
        );
        if (body.config) validateConfig(factory, body.config);
        await updateConnectorRow(db, tenantId, id, {
          ...body,
          config: body.config ? connectors.sealConfig(body.config) : undefined,
        });
        return connectorResponse(await requireConnector(tenantId, id));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/connectors/:id',
      summary: 'Remove a connector',
      description:
        'Removing a social connector also removes its target from the sign-in experience when no other social connector serves it.',
      params: z.object({ id: z.string().min(1) }),
      status: [204, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const connector = await requireConnector(tenantId, id);
        await db.transaction(async (tx) => {
          await deleteConnectorRows(tx, tenantId, [id]);
          if (connector.factory.type !== 'Social') return;
          const targets = new Set(
            (await connectors.list(tx, tenantId))
              .filter((remaining) => remaining.factory.type === 'Social')
              .map((remaining) => remaining.metadata.target),
          );
          const experience = await findSignInExperience(tx, tenantId);
          const kept = experience.socialSignInConnectorTargets.filter((target) => targets.has(target));
          if (kept.length !== experience.socialSignInConnectorTargets.length) {
            await updateSignInExperience(tx, tenantId, { socialSignInConnectorTargets: kept });
          }
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/connectors/:factoryId/test',
      summary: 'Send a test message with a config',
      description: 'Sends a Generic message with code 000000 through the factory, using the given config.',
      params: z.object({ factoryId: z.string().min(1) }),
      body: z
        .object({
          email: emailGuard.optional(),
          phone: phoneGuard.optional(),
          config: z.record(z.string(), z.unknown()),
        })
        .refine((body) => body.email !== undefined || body.phone !== undefined, {
          message: 'Give an email or a phone.',
        }),
      status: [204, 400, 401, 403],
      handler: async ({ params: { factoryId }, body }) => {
        const factory = connectors.factory(factoryId);
        if (!factory)
          throw new ApiError('connector.not_found', { status: 400, interpolation: { type: factoryId } });
        const wanted = body.phone !== undefined ? 'Sms' : 'Email';
        if (factory.type === 'Social' || factory.type !== wanted) {
          throw new ApiError('connector.unexpected_type', { status: 400 });
        }
        validateConfig(factory, body.config);
        await factory.sendMessage(
          { to: body.phone ?? body.email ?? '', type: 'Generic', payload: { code: '000000' } },
          body.config,
        );
      },
    }),
  );
};
