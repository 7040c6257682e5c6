import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, countRows } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('custom fields API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('admins define a dropdown with options; any agent lists the definitions', async () => {
    const created = await call(app, admin, 'POST', '/api/v1/custom-fields', { name: 'Building', label: 'Gebäude', fieldType: 'dropdown', options: ['Hauptgebäude', 'Bibliothek'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Building', label: 'Gebäude', fieldType: 'dropdown', options: ['Hauptgebäude', 'Bibliothek'], isValid: true });
    const changed = await call(app, admin, 'PATCH', `/api/v1/custom-fields/${created.body.id}`, { label: 'Building', options: ['Main building', 'Library', 'Mensa'] });
    expect(changed.body).toMatchObject({ label: 'Building', options: ['Main building', 'Library', 'Mensa'] });
    const list = await call(app, agent, 'GET', '/api/v1/custom-fields');
    expect(list.status).toBe(200);
    expect(list.body.map((f: { name: string }) => f.name)).toContain('Building');
    expect((await call(app, agent, 'GET', `/api/v1/custom-fields/${created.body.id}`)).body.fieldType).toBe('dropdown');
  });

  it.each([
    ['a dropdown without options', { name: 'Room', label: 'Room', fieldType: 'dropdown' }, 400, 'VALIDATION_FAILED', 'options'],
    ['a multiselect with an empty option', { name: 'Tags', label: 'Tags', fieldType: 'multiselect', options: ['a', ' '] }, 400, 'VALIDATION_FAILED', 'options'],
    ['a name starting with a digit', { name: '1st', label: 'x', fieldType: 'text' }, 400, 'VALIDATION_FAILED', 'name'],
    ['a name with a hyphen', { name: 'room-no', label: 'x', fieldType: 'text' }, 400, 'VALIDATION_FAILED', 'name'],
    ['an unknown field type', { name: 'Room', label: 'x', fieldType: 'colour' }, 400, 'VALIDATION_FAILED', 'fieldType'],
    ['a blank label', { name: 'Room', label: ' ', fieldType: 'text' }, 400, 'VALIDATION_FAILED', 'label'],
    ['a name taken in other case', { name: 'building', label: 'x', fieldType: 'text' }, 409, 'CONFLICT', 'name'],
  ])('%s → %i %s on %s, nothing written', async (_case, body, status, code, field) => {
    const before = await countRows(t.ctx, 'custom_field');
    const response = await call(app, admin, 'POST', '/api/v1/custom-fields', body);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, field });
    expect(await countRows(t.ctx, 'custom_field')).toBe(before);
  });

  it('the type of a field is fixed once created → 400 on fieldType', async () => {
    const field = (await call(app, admin, 'POST', '/api/v1/custom-fields', { name: 'Inventory_no', label: 'Inventory number', fieldType: 'text' })).body;
    const response = await call(app, admin, 'PATCH', `/api/v1/custom-fields/${field.id}`, { fieldType: 'checkbox' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fieldType' });
    expect((await call(app, agent, 'GET', `/api/v1/custom-fields/${field.id}`)).body.fieldType).toBe('text');
  });

  it('an agent who is not an admin → 403 PERMISSION_DENIED, nothing written', async () => {
    const before = await countRows(t.ctx, 'custom_field');
    const refused = await call(app, agent, 'POST', '/api/v1/custom-fields', { name: 'Mine', label: 'Mine', fieldType: 'text' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PERMISSION_DENIED');
    expect(await countRows(t.ctx, 'custom_field')).toBe(before);
  });
});
