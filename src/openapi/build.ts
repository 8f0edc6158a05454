/**
 * Builds `/api/swagger.json` (OpenAPI 3.0.3) from the route definitions themselves, so the document
 * cannot drift from what the server validates. Paths use OpenAPI's `{param}` style (Logto kept
 * Koa's `:param`, quirk Q9, which OpenAPI tools reject).
 */
import { z } from 'zod';
import type { RouteDefinition } from '../http/route.ts';

type Schema = Record<string, unknown>;
type RouteGroup = {
  routes: readonly RouteDefinition<unknown, unknown, unknown>[];
  prefix: string;
  secured: boolean;
};

const statusText: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Schema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as Schema;
  return rest;
};

const toParameters = (schema: z.ZodType | undefined, location: 'path' | 'query'): Schema[] => {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Schema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
};

const paginationParameters: Schema[] = [
  { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'page_size',
    in: 'query',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
];

const errorSchema: Schema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    data: {},
    details: { type: 'string' },
  },
};

const toTag = (path: string): string => {
  const segment = path.split('/').find(Boolean) ?? 'api';
  return segment.startsWith('.') ? segment : segment.charAt(0).toUpperCase() + segment.slice(1);
};

const toOperation = (route: RouteDefinition<unknown, unknown, unknown>, secured: boolean): Schema => {
  const [success = 200, ...errors] = route.status;
  const responses: Record<string, Schema> = {
    [success]: route.response
      ? {
          description: statusText[success] ?? 'Success',
          content: { 'application/json': { schema: toSchema(route.response, 'output') } },
        }
      : success === 204
        ? { description: statusText[success] ?? 'Success' }
        : {
            // Koa's default body for a status without one, as Logto answers (e.g. `Created`).
            description: statusText[success] ?? 'Success',
            content: { 'text/plain': { schema: { type: 'string', example: statusText[success] } } },
          },
  };
  for (const status of errors) {
    responses[status] = {
      description: statusText[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    tags: [toTag(route.path)],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    parameters: [
      ...toParameters(route.params, 'path'),
      ...toParameters(route.query, 'query'),
      ...(route.pagination ? paginationParameters : []),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
    ...(secured ? { security: [{ bearerAuth: [] }] } : { security: [] }),
  };
};

export const buildOpenApiDocument = (groups: readonly RouteGroup[], version: string): Schema => {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const { routes, prefix, secured } of groups) {
    for (const route of routes) {
      const path = (prefix + route.path).replace(/:(\w+)/g, '{$1}');
      paths[path] = { ...paths[path], [route.method]: toOperation(route, secured) };
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Latch — Logto Core compatible API',
      version,
      description: 'Management, interaction and anonymous routes of one Latch tenant.',
    },
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
};
