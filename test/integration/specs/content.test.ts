import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, getMarkdown, getSpec, putContent, putRaw, revisionContents, specsPath } from './helpers.js';

describeEachDatabase('specs: replacing content', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('PUT with the ETag in If-Match stores the text exactly as a new revision with a new ETag', async () => {
    const spec = await createSpec(owner, ws, { title: 'Replace me' });
    const text = '# Replaced\r\n\r\nTrailing   \n\tTabbed\n\n## Ünïcode 😀\nno final newline';
    const res = await putContent(owner, ws, spec.number, text, spec.etag, 'Rewrote it');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, title: 'Replaced' });
    expect(Object.keys((res.body as unknown as { lint: object }).lint).sort()).toEqual(['errors', 'score', 'warnings']);
    // The answer leaves out the text the client just sent (and its outline).
    expect(res.body).not.toHaveProperty('markdown');
    expect(res.body).not.toHaveProperty('sections');
    expect(res.body.etag).toBe(`"${spec.id}:2"`);
    expect(res.headers.get('etag')).toBe(res.body.etag);
    expect(await getMarkdown(owner, ws, spec.number)).toBe(text);
    const revisions = await owner.get<{ items: { number: number; summary: string }[] }>(specsPath(ws, spec.number, 'revisions'));
    expect(revisions.body.items.map((r) => [r.number, r.summary])).toEqual([
      [2, 'Rewrote it'],
      [1, 'Created'],
    ]);
  });

  it('PUT with a raw text/markdown body keeps every byte (BOM, CRLF, astral characters)', async () => {
    const spec = await createSpec(owner, ws, { title: 'Raw' });
    const text = '\uFEFF# Raw body\r\n\r\nCafé ☕ 𝄞\r\n';
    const res = await putRaw(owner, ws, spec.number, Buffer.from(text, 'utf8'), spec.etag);
    expect(res.status, res.text).toBe(200);
    expect(res.body.revision).toBe(2);
    expect(await getMarkdown(owner, ws, spec.number)).toBe(text);
    const withSummary = await owner.request('PUT', `${specsPath(ws, spec.number, 'content')}?summary=${encodeURIComponent('From the CLI')}`, {
      rawBody: 'second',
      headers: { 'content-type': 'text/markdown', 'if-match': res.body.etag },
    });
    expect(withSummary.status, withSummary.text).toBe(200);
    const list = await owner.get<{ items: { summary: string }[] }>(specsPath(ws, spec.number, 'revisions'));
    expect(list.body.items[0]?.summary).toBe('From the CLI');
  });

  it('without If-Match: 428 precondition_required, nothing changed', async () => {
    const spec = await createSpec(owner, ws, { title: 'Guarded' });
    const problem = expectProblem(await putContent(owner, ws, spec.number, '# Lost?\n', null), 428, 'precondition_required');
    expect(problem.detail).toContain(spec.etag);
    expectProblem(await putRaw(owner, ws, spec.number, '# Lost?\n', null), 428, 'precondition_required');
    expect((await getSpec(owner, ws, spec.number)).body).toMatchObject({ revision: 1, markdown: spec.markdown });
  });

  it('a stale If-Match: 412 etag_mismatch naming the current ETag; the newer text and every revision are kept', async () => {
    const spec = await createSpec(owner, ws, { title: 'Two writers' });
    const first = await putContent(owner, ws, spec.number, '# Mine\n', spec.etag);
    expect(first.status).toBe(200);
    const stale = await putContent(owner, ws, spec.number, '# Theirs\n', spec.etag);
    const problem = expectProblem(stale, 412, 'etag_mismatch');
    expect(problem).toMatchObject({ currentEtag: first.body.etag, currentRevision: 2 });
    expect(await getMarkdown(owner, ws, spec.number)).toBe('# Mine\n');
    expect(await revisionContents(owner, ws, spec.number)).toEqual([spec.markdown, '# Mine\n']);
    // Weak tags and other specs' tags never match; * does.
    expectProblem(await putContent(owner, ws, spec.number, '# Weak\n', `W/${first.body.etag}`), 412, 'etag_mismatch');
    expectProblem(await putContent(owner, ws, spec.number, '# Other\n', `"${'0'.repeat(8)}:2"`), 412, 'etag_mismatch');
    const star = await putContent(owner, ws, spec.number, '# Star\n', '*');
    expect(star.body.revision).toBe(3);
    const listed = await putContent(owner, ws, spec.number, '# Listed\n', `"x:1", ${star.body.etag}`);
    expect(listed.body.revision).toBe(4);
  });

  it('the same text again is no change: no new revision, same ETag', async () => {
    const spec = await createSpec(owner, ws, { title: 'Idempotent' });
    const res = await putContent(owner, ws, spec.number, spec.markdown, spec.etag);
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(1);
    expect(res.body.etag).toBe(spec.etag);
  });

  it('invalid UTF-8 in a text/markdown body: 400 invalid_utf8 naming the byte; nothing stored', async () => {
    const spec = await createSpec(owner, ws, { title: 'Bytes' });
    const cases: [number[], number][] = [
      [[0x23, 0x20, 0xff], 2],
      [[0x61, 0x0a, 0xc0, 0x80], 2],
      [[0xed, 0xa0, 0x80], 0],
      [[0x61, 0x62, 0xe2, 0x82], 2],
      [[0xf4, 0x90, 0x80, 0x80], 0],
    ];
    for (const [bytes, offset] of cases) {
      const problem = expectProblem(await putRaw(owner, ws, spec.number, new Uint8Array(bytes), spec.etag), 400, 'invalid_utf8');
      expect(problem.offset).toBe(offset);
      expect(typeof problem.line).toBe('number');
    }
    expect((await getSpec(owner, ws, spec.number)).body).toMatchObject({ revision: 1, markdown: spec.markdown });
  });

  it('NUL and unpaired surrogates: 400 with a stable code and line:column, in raw and JSON bodies', async () => {
    const spec = await createSpec(owner, ws, { title: 'Text checks' });
    const raw = expectProblem(await putRaw(owner, ws, spec.number, Buffer.from('# T\nab\u0000c\n', 'utf8'), spec.etag), 400, 'nul_character');
    expect(raw).toMatchObject({ line: 2, column: 3 });
    expect(raw.detail).toContain('line 2, column 3');
    const json = expectProblem(
      await owner.request('PUT', specsPath(ws, spec.number, 'content'), { rawBody: '{"markdown":"# T\\r\\n\\r\\nx\\u0000"}', headers: { 'if-match': spec.etag } }),
      400,
      'nul_character',
    );
    expect(json).toMatchObject({ field: 'markdown', line: 3, column: 2 });
    const lone = expectProblem(
      await owner.request('PUT', specsPath(ws, spec.number, 'content'), { rawBody: '{"markdown":"ok\\n\\ud800 alone"}', headers: { 'if-match': spec.etag } }),
      400,
      'unpaired_surrogate',
    );
    expect(lone).toMatchObject({ line: 2, column: 1 });
    const create = expectProblem(await owner.request('POST', specsPath(ws), { rawBody: '{"markdown":"\\udc00"}' }), 400, 'unpaired_surrogate');
    expect(create).toMatchObject({ line: 1, column: 1 });
    expect((await getSpec(owner, ws, spec.number)).body.revision).toBe(1);
  });

  it('a charset other than UTF-8 is 415; text/markdown is accepted on the content route only', async () => {
    const spec = await createSpec(owner, ws, { title: 'Charset' });
    expectProblem(await putRaw(owner, ws, spec.number, '# Latin\n', spec.etag, 'text/markdown; charset=iso-8859-1'), 415, 'unsupported_media_type');
    expect((await putRaw(owner, ws, spec.number, '# Utf8\n', spec.etag, 'text/markdown; charset="UTF-8"')).status).toBe(200);
    const create = await owner.request('POST', specsPath(ws), { rawBody: '# New\n', headers: { 'content-type': 'text/markdown' } });
    expectProblem(create, 415, 'unsupported_media_type');
  });
});
