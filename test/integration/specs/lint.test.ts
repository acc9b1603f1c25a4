import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, postEdit, specsPath, type SpecBody } from './helpers.js';

interface LintBody {
  specId: string;
  revision: number;
  templateId: string;
  templateVersion: number;
  score: number;
  errors: number;
  warnings: number;
  findings: { ruleId: string; severity: string; sectionPath: string; line: number; column: number; message: string }[];
  sections: { path: string; score: number }[];
}

const TEMPLATE_V1 = '# Service\n\n## Goals\n<!-- What must be true when this ships -->\n\n## Design\n<!-- How it works -->\n';
const TEMPLATE_V2 = `${TEMPLATE_V1}\n## Security\n<!-- Threats and mitigations -->\n`;
const SPEC = '# Billing\n\n## Goals\nInvoices go out on time.\n\n## Design\n<!-- How it works -->\n';

describeEachDatabase('specs: lint', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  async function lintOf(spec: SpecBody): Promise<LintBody> {
    const res = await owner.get<LintBody>(specsPath(ws, spec.number, 'lint'));
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  it('GET .../lint: findings with positions and the completeness score of the current revision', async () => {
    const spec = await createSpec(owner, ws, { title: 'Lint me' });
    const before = await lintOf(spec);
    expect(before).toMatchObject({ specId: spec.id, revision: 1, templateId: 'technical-specification', templateVersion: 1, score: spec.completeness });
    expect(before.errors).toBe(spec.lint.errors);
    expect(before.warnings).toBe(spec.lint.warnings);
    expect(before.findings.length).toBeGreaterThan(0);
    for (const f of before.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
    expect(before.findings.some((f) => f.sectionPath === 'overview/purpose')).toBe(true);
    const edited = await postEdit(owner, ws, spec.number, { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Throttle abusive clients without hurting good ones.' }, spec.etag);
    expect(edited.status, edited.text).toBe(200);
    const after = await lintOf(edited.body);
    expect(after.revision).toBe(2);
    expect(after.findings.some((f) => f.sectionPath === 'overview/purpose')).toBe(false);
    expect(after.score).toBeGreaterThanOrEqual(before.score);
    expect(edited.body.lint).toEqual({ score: after.score, errors: after.errors, warnings: after.warnings });
  });

  it("editing the template after creating a spec leaves the spec's lint unchanged; new specs follow the new version", async () => {
    const t = await owner.post<{ id: string }>(`/api/v1/workspaces/${ws}/templates`, { name: 'Service', source: TEMPLATE_V1 });
    expect(t.status).toBe(201);
    const spec = await createSpec(owner, ws, { templateId: t.body.id, markdown: SPEC });
    expect(spec.templateVersion).toBe(1);
    const before = await lintOf(spec);
    expect(before.findings.map((f) => f.ruleId)).not.toContain('missing-section');

    const edited = await owner.patch(`/api/v1/workspaces/${ws}/templates/${t.body.id}`, { source: TEMPLATE_V2 });
    expect(edited.status, edited.text).toBe(200);
    const after = await lintOf(spec);
    expect(after).toEqual(before);
    const listed = await owner.get<{ items: SpecBody[] }>(`${specsPath(ws)}?template=${t.body.id}`);
    expect(listed.body.items.find((s) => s.id === spec.id)?.completeness).toBe(spec.completeness);

    // A content change is still linted against version 1.
    const changed = await postEdit(owner, ws, spec.number, { op: 'setSectionBody', path: 'goals', markdown: 'Invoices go out on time, every time.' }, spec.etag);
    expect(changed.body.templateVersion).toBe(1);
    expect((await lintOf(changed.body)).findings.map((f) => f.ruleId)).not.toContain('missing-section');

    const newer = await createSpec(owner, ws, { templateId: t.body.id, markdown: SPEC });
    expect(newer.templateVersion).toBe(2);
    const newerLint = await lintOf(newer);
    expect(newerLint.findings.filter((f) => f.ruleId === 'missing-section').map((f) => f.message).join(' ')).toMatch(/Security/);

    // Even a deleted template keeps linting the specs that follow it.
    expect((await owner.delete(`/api/v1/workspaces/${ws}/templates/${t.body.id}`)).status).toBe(204);
    const afterDelete = await lintOf(spec);
    expect(afterDelete).toMatchObject({ templateId: t.body.id, templateVersion: 1, revision: 2 });
    expect(afterDelete.findings.map((f) => f.ruleId)).not.toContain('missing-section');
    expectProblem(await owner.post(specsPath(ws), { templateId: t.body.id }), 422, 'unknown_template');
  });
});

