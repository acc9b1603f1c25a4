// A small HTTP client for integration tests that behaves like the web client: it keeps the
// session cookie and sends Origin + the CSRF header on writes (unless told not to).

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON body (null when the body is empty or not JSON). */
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  /** JSON-encoded as the body. */
  readonly body?: unknown;
  /** Sent as-is (with content-type application/json unless headers say otherwise). */
  readonly rawBody?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send Origin and X-Specboard-Csrf on cookie-authenticated writes (default true). */
  readonly csrf?: boolean;
}

export class ApiClient {
  private sessionCookie: string | null;

  constructor(
    readonly baseUrl: string,
    auth: { readonly cookie?: string | null; readonly token?: string | null } = {},
  ) {
    this.sessionCookie = auth.cookie ?? null;
    this.token = auth.token ?? null;
  }

  readonly token: string | null;

  /** The session cookie value this client holds, if any. */
  get cookie(): string | null {
    return this.sessionCookie;
  }

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, { token });
  }

  /** A second client holding the same session cookie (a second browser tab). */
  clone(): ApiClient {
    return new ApiClient(this.baseUrl, { cookie: this.sessionCookie, token: this.token });
  }

  get<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body === undefined ? options : { ...options, body });
  }

  patch<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body === undefined ? options : { ...options, body });
  }

  delete<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] = 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
    if (this.sessionCookie !== null) {
      headers.cookie = `specboard_session=${this.sessionCookie}`;
      if (method !== 'GET' && method !== 'HEAD' && options.csrf !== false) {
        headers.origin = new URL(this.baseUrl).origin;
        headers['x-specboard-csrf'] = '1';
      }
    }
    Object.assign(headers, options.headers);
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    this.rememberCookie(response.headers);
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== '' && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  private rememberCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const match = /^specboard_session=([^;]*)/.exec(line);
      if (match === null) continue;
      const cleared = match[1] === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
      this.sessionCookie = cleared ? null : (match[1] ?? null);
    }
  }
}
