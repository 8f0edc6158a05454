/** A thin typed client for the management API, as a test caller uses it. */
import type { Application } from '../../src/schemas/application.ts';
import type { Resource, Scope } from '../../src/schemas/resource.ts';
import { request, type TestResponse } from '../support/http.ts';

export type Auth = { authorization: string } | { 'development-user-id': string };

export const managementClient = (base: string, auth: Auth) => {
  const call = <T>(method: string, path: string, json?: unknown): Promise<TestResponse<T>> =>
    request<T>(`${base}/api${path}`, { method, headers: auth, json });
  return {
    call,
    createApplication: (body: Record<string, unknown>) => call<Application>('POST', '/applications', body),
    patchApplication: (id: string, body: Record<string, unknown>) =>
      call<Application & { isAdmin: boolean }>('PATCH', `/applications/${id}`, body),
    createResource: (body: Record<string, unknown>) =>
      call<Resource & { scopes: Scope[] }>('POST', '/resources', body),
    createScope: (resourceId: string, body: Record<string, unknown>) =>
      call<Scope>('POST', `/resources/${resourceId}/scopes`, body),
  };
};

export const devAuth: Auth = { 'development-user-id': 'integration-test' };
