import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, putRaw, revisionContents, specsPath, type SpecBody } from './helpers.js';

describeEachDatabase('specs: bad input never causes a 500 nor changes data', (database) => {
  const server = useTestServer(database, { env: { BODY_LIMIT: '64kb' } });
  let owner: ApiClient;
  let ws: string;
  let spec: SpecBody;
  let count: number;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
    spec = await createSpec(owner, ws, { title: 'Target', labels: ['keep'] });
    count = 1;
  });

  /** The spec is exactly as created and no other spec appeared. */
  async function expectUnchanged(): Promise<void> {
    expect(await revisionContents(owner, ws, spec.number)).toEqual([spec.markdown]);
    const current = await owner.get<SpecBody>(specsPath(ws, spec.number));
    expect(current.body).toEqual(spec);
    const list = await owner.get<{ items: SpecBody[] }>(`${specsPath(ws)}?limit=200`);
    expect(list.body.items).toHaveLength(count);
  }

  function send(method: string, path: string, rawBody: string, headers: Record<string, string> = {}) {
    return owner.request(method, path, { rawBody, headers: { 'if-match': spec.etag, ...headers } });
  }

  it('malformed JSON is 400 invalid_json on every spec write', async () => {
    const targets: [string, string][] = [
      ['POST', specsPath(ws)],
      ['PUT', specsPath(ws, spec.number, 'content')],
      ['POST', specsPath(ws, spec.number, 'edits')],
      ['PATCH', specsPath(ws, spec.number)],
    ];
    for (const [method, path] of targets) {
      for (const raw of ['{', '{"markdown": }', "{'markdown': 'x'}", '[1,]', '']) expectProblem(await send(method, path, raw), 400, 'invalid_json');
    }
    await expectUnchanged();
  });

  it('wrong types, missing and unknown fields are 400 validation_failed naming the field', async () => {
    const cases: [string, string, unknown, string, string][] = [
      ['POST', specsPath(ws), { title: 42 }, 'title', 'invalid_type'],
      ['POST', specsPath(ws), { labels: 'api' }, 'labels', 'invalid_type'],
      ['POST', specsPath(ws), { labels: ['a,b'] }, 'labels.0', 'invalid_format'],
      ['POST', specsPath(ws), { labels: ['line\nbreak'] }, 'labels.0', 'invalid_format'],
      ['POST', specsPath(ws), { labels: ['same', 'same'] }, 'labels', 'duplicate_item'],
      ['POST', specsPath(ws), { title: 'x'.repeat(501) }, 'title', 'too_long'],
      ['POST', specsPath(ws), { title: '   ' }, 'title', 'invalid_format'],
      ['POST', specsPath(ws), { markdown: '# x', admin: true }, 'admin', 'unknown_field'],
      ['PUT', specsPath(ws, spec.number, 'content'), { markdown: 7 }, 'markdown', 'invalid_type'],
      ['PUT', specsPath(ws, spec.number, 'content'), {}, 'markdown', 'required'],
      ['PUT', specsPath(ws, spec.number, 'content'), { markdown: '# x', revision: 9 }, 'revision', 'unknown_field'],
      ['PATCH', specsPath(ws, spec.number), { status: 'approved' }, 'status', 'unknown_field'],
      ['PATCH', specsPath(ws, spec.number), { labels: [1] }, 'labels.0', 'invalid_type'],
    ];
    for (const [method, path, body, field, code] of cases) {
      const problem = expectProblem(await send(method, path, JSON.stringify(body)), 400, 'validation_failed');
      expect(problem.errors, `${method} ${path} ${JSON.stringify(body)}`).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    for (const body of [[], 'text', 42, null, true]) {
      expectProblem(await send('POST', specsPath(ws), JSON.stringify(body)), 400, 'validation_failed');
      expectProblem(await send('PUT', specsPath(ws, spec.number, 'content'), JSON.stringify(body)), 400, 'validation_failed');
    }
    expectProblem(await send('POST', specsPath(ws), `{"title":${'['.repeat(20_000)}${']'.repeat(20_000)}}`), 400, 'validation_failed');
    await expectUnchanged();
  });

  it('bodies over BODY_LIMIT are 413, as JSON or as raw Markdown', async () => {
    const huge = '# Huge\n' + 'x'.repeat(70 * 1024);
    expectProblem(await send('PUT', specsPath(ws, spec.number, 'content'), JSON.stringify({ markdown: huge })), 413, 'payload_too_large');
    expectProblem(await putRaw(owner, ws, spec.number, huge, spec.etag), 413, 'payload_too_large');
    expectProblem(await send('POST', specsPath(ws), JSON.stringify({ markdown: huge })), 413, 'payload_too_large');
    await expectUnchanged();
  });

  it('NUL in the path, the query or any body field is 400 nul_character', async () => {
    expectProblem(await owner.get(specsPath(ws, '1%00')), 400, 'nul_character');
    expectProblem(await owner.get(`${specsPath(ws)}?label=a%00b`), 400, 'nul_character');
    expectProblem(await send('POST', specsPath(ws), '{"title":"a\\u0000b"}'), 400, 'nul_character');
    expectProblem(await send('POST', specsPath(ws), '{"labels":["\\u0000"]}'), 400, 'nul_character');
    expectProblem(await send('POST', specsPath(ws, spec.number, 'edits'), '{"op":"setSectionBody","path":"overview","markdown":"\\u0000"}'), 400, 'nul_character');
    await expectUnchanged();
  });

  it('SQL metacharacters and odd refs in paths are plain values: 404, nothing changed', async () => {
    for (const ref of ["1' OR '1'='1", '1;DROP TABLE specs', '%25', 'SPEC-1--', '-1', '1.5', '1e3', ' 1', `${spec.key}.md.md`, '🙂']) {
      const res = await owner.get(specsPath(ws, encodeURIComponent(ref)));
      expect([400, 404], `${ref}: ${res.text}`).toContain(res.status);
      expectProblem(res, res.status, res.status === 404 ? 'not_found' : 'validation_failed');
    }
    expectProblem(await owner.get(`/api/v1/workspaces/${encodeURIComponent("' OR 1=1 --")}/specs`), 404, 'not_found');
    expectProblem(await owner.get(`/api/v1/specs/${encodeURIComponent("SPEC-1' OR 'x'='x")}`), 404, 'not_found');
    await expectUnchanged();
  });
});
