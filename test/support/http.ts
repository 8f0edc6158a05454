/** A thin typed HTTP client for tests: real requests, JSON in and out. */
export type TestResponse<T = unknown> = { status: number; headers: Headers; body: T; text: string };

export const request = async <T = unknown>(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<TestResponse<T>> => {
  const { json, headers, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(headers as object),
    },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
  const text = await response.text();
  let body: unknown = text;
  if (response.headers.get('content-type')?.includes('json') && text) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T, text };
};

export type ErrorBody = { code: string; message: string; data?: unknown; details?: string };
