import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, putContent, specsPath, type SpecBody } from './helpers.js';

interface ListBody {
  items: SpecBody[];
  nextCursor: string | null;
}

const MINUTE = 60_000;

describeEachDatabase('specs: list', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let editor: ApiClient;
  let editorId: string;
  let ws: string;
  let templateId: string;
  const specs: SpecBody[] = [];
  let middle: string;

  async function list(query: string, client: ApiClient = owner): Promise<ListBody> {
    const res = await client.get<ListBody>(`${specsPath(ws)}?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  async function all(query: string): Promise<SpecBody[]> {
    const out: SpecBody[] = [];
    let cursor: string | null = null;
    do {
      const page: ListBody = await list(`${query}&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return out;
  }

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner({ workspaceKey: 'LIST' });
    owner = o.client;
    ws = o.workspaceKey;
    const e = await s.addMember(owner, ws, 'editor');
    editor = e.client;
    editorId = e.id;
    const t = await owner.post<{ id: string }>(`/api/v1/workspaces/${ws}/templates`, { name: 'Other', source: '# Other\n\n## Part\n' });
    templateId = t.body.id;
    // Titles out of number order; two equal titles to exercise the id tie-break.
    const plan = [
      { client: owner, body: { title: 'Delta', labels: ['api'] } },
      { client: editor, body: { title: 'alpha', labels: ['api', 'ops'] } },
      { client: owner, body: { title: 'Charlie', templateId } },
      { client: editor, body: { title: 'Bravo', labels: ['ops'] } },
      { client: owner, body: { title: 'Bravo' } },
      { client: owner, body: { title: 'Echo', labels: ['api'], templateId } },
      { client: editor, body: { title: 'Foxtrot' } },
    ];
    for (const [i, step] of plan.entries()) {
      s.clock.advance(MINUTE);
      specs.push(await createSpec(step.client, ws, step.body));
      if (i === 3) middle = new Date(s.clock.now().getTime() + 1).toISOString();
    }
    // Touch the first spec last: it becomes the most recently updated.
    s.clock.advance(MINUTE);
    const first = specs[0];
    if (first === undefined) throw new Error('no specs');
    const touched = await putContent(owner, ws, first.number, `${first.markdown}\nMore.\n`, first.etag);
    expect(touched.status).toBe(200);
    specs[0] = touched.body;
  });

  it("every item carries its spec's labels in name order, on every page (a spec with two labels, specs with none)", async () => {
    const labelsOf = new Map(specs.map((s) => [s.id, [...s.labels].sort()]));
    for (const sort of ['number', '-updated', 'title']) {
      const listed = await all(`sort=${sort}`);
      expect(listed.map((s) => s.id).sort()).toEqual([...labelsOf.keys()].sort());
      for (const item of listed) expect(item.labels, `${sort}: ${item.title}`).toEqual(labelsOf.get(item.id));
    }
    expect((await all('label=ops')).find((s) => s.title === 'alpha')?.labels).toEqual(['api', 'ops']);
  });

  it('summary items carry the documented fields (no Markdown)', async () => {
    const page = await list('limit=1');
    const item = page.items[0];
    expect(Object.keys(item ?? {}).sort()).toEqual(
      ['author', 'completeness', 'createdAt', 'deletedAt', 'id', 'key', 'labels', 'number', 'overdue', 'revision', 'status', 'templateId', 'templateVersion', 'title', 'updatedAt', 'workspaceId'].sort(),
    );
  });

  it('pages through every spec exactly once in each sort order', async () => {
    const byNumber = [...specs].sort((a, b) => a.number - b.number);
    expect((await all('sort=number')).map((s) => s.number)).toEqual(byNumber.map((s) => s.number));
    expect((await all('sort=-number')).map((s) => s.number)).toEqual(byNumber.map((s) => s.number).reverse());
    const byUpdated = [...specs].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
    expect((await all('sort=updated')).map((s) => s.id)).toEqual(byUpdated.map((s) => s.id));
    expect((await all('')).map((s) => s.id)).toEqual(byUpdated.map((s) => s.id).reverse());
    expect((await all('sort=-updated')).map((s) => s.id)).toEqual(byUpdated.map((s) => s.id).reverse());
    const titles = (await all('sort=title')).map((s) => s.title);
    expect(titles).toHaveLength(specs.length);
    expect(new Set((await all('sort=title')).map((s) => s.id)).size).toBe(specs.length);
    expect(titles.filter((t) => t === 'Bravo')).toHaveLength(2);
  });

  it('filters by status, author, label, template and updated range, alone and combined', async () => {
    const ids = (items: SpecBody[]): string[] => items.map((s) => s.id).sort();
    const expected = (pred: (s: SpecBody) => boolean): string[] => ids(specs.filter(pred));
    expect(ids(await all('status=draft'))).toEqual(expected(() => true));
    expect(await all('status=approved')).toEqual([]);
    expect(ids(await all(`author=${editorId}`))).toEqual(expected((s) => s.author.id === editorId));
    expect(ids(await all('label=api'))).toEqual(expected((s) => s.labels.includes('api')));
    expect(ids(await all(`template=${templateId}`))).toEqual(expected((s) => s.templateId === templateId));
    expect(ids(await all('template=technical-specification'))).toEqual(expected((s) => s.templateId === 'technical-specification'));
    expect(ids(await all(`updatedAfter=${encodeURIComponent(middle)}`))).toEqual(expected((s) => s.updatedAt >= middle));
    expect(ids(await all(`updatedBefore=${encodeURIComponent(middle)}`))).toEqual(expected((s) => s.updatedAt <= middle));
    expect(ids(await all(`label=ops&author=${editorId}&updatedBefore=${encodeURIComponent(middle)}`))).toEqual(
      expected((s) => s.labels.includes('ops') && s.author.id === editorId && s.updatedAt <= middle),
    );
  });

  it('SQL metacharacters in filters are plain values: no match, no error, nothing changed', async () => {
    const hostile = ["x' OR '1'='1", '%', '_', '"; DROP TABLE specs; --', '\\', "api' --", '*', 'api%'];
    for (const value of hostile) {
      const q = encodeURIComponent(value);
      for (const filter of ['label', 'author', 'template']) expect((await list(`${filter}=${q}`)).items).toEqual([]);
      expectProblem(await owner.get(`${specsPath(ws)}?sort=title&cursor=${q}`), 400, 'invalid_cursor');
    }
    expect((await all('sort=number')).length).toBe(specs.length);
  });

  it('bad cursors, sorts, statuses, limits, dates and unknown parameters are 400 problems', async () => {
    const page = await list('sort=number&limit=2');
    const cursor = encodeURIComponent(page.nextCursor ?? '');
    expectProblem(await owner.get(`${specsPath(ws)}?sort=title&cursor=${cursor}`), 400, 'invalid_cursor');
    expectProblem(await owner.get(`${specsPath(ws)}?cursor=garbage`), 400, 'invalid_cursor');
    for (const query of ['sort=popular', 'status=done', 'limit=0', 'limit=500', 'limit=x', 'updatedAfter=yesterday', 'deleted=maybe', 'color=red']) {
      expectProblem(await owner.get(`${specsPath(ws)}?${query}`), 400, 'validation_failed');
    }
  });
});
