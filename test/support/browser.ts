/**
 * The part of a browser a sign-in flow needs: a cookie jar (name, path, host-only), requests that
 * do not follow redirects, and `Location` resolved against the request URL.
 */
type Cookie = { name: string; value: string; host: string; path: string };

export type BrowserResponse = {
  status: number;
  location?: string;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
};

export const createBrowser = () => {
  const cookies = new Map<string, Cookie>();

  const store = (url: URL, header: string) => {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    let path = '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = attributeValue;
      if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
      if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
    }
    const key = `${url.host} ${path} ${name}`;
    if (expired) cookies.delete(key);
    else cookies.set(key, { name, value, host: url.host, path });
  };

  const cookieHeader = (url: URL) =>
    [...cookies.values()]
      .filter((cookie) => cookie.host === url.host && url.pathname.startsWith(cookie.path))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');

  const send = async (
    target: string | URL,
    init: { method?: string; json?: unknown; form?: Record<string, string> } = {},
  ): Promise<BrowserResponse> => {
    const url = new URL(target);
    const headers: Record<string, string> = {};
    const cookie = cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const header of response.headers.getSetCookie()) store(url, header);
    const text = await response.text();
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, url).href : undefined,
      headers: response.headers,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  };

  return {
    send,
    get: (url: string | URL) => send(url),
    post: (url: string | URL, init: { json?: unknown; form?: Record<string, string> } = { json: {} }) =>
      send(url, { method: 'POST', ...init }),
    cookieHeader: (url: string | URL) => cookieHeader(new URL(url)),
    cookieNames: () => [...cookies.values()].map((cookie) => cookie.name),
  };
};

export type Browser = ReturnType<typeof createBrowser>;
