import { createApplication, divioAs, ORGANISATION, withDivioEmulator } from '../../helpers/divio';
import { deisAs } from '../../helpers/deis';

const emu = withDivioEmulator();
/** Creates applications one second apart, so that oldest first is creation order. */
async function createInTurn(names: [string, Record<string, unknown>?][]) {
  const created = [];
  for (const [slug, extra] of names) {
    created.push(await createApplication(emu, slug, extra));
    emu.clock.advance(1000);
  }
  return created;
}
const slugs = (body: { results: { slug: string }[] }) => body.results.map((x) => x.slug);

/** The filters and orderings the list answers in SQL, each against what the in-memory list answered. */
describe('ListApplications in SQL', () => {
  test('tags, copied_from, copy_type and is_mirror filter; archived applications never show', async () => {
    const [source] = await createInTurn([['source', { tags: ['web', 'shop'] }], ['plain', { tags: ['web'] }]]);
    const api = divioAs(emu);
    await api.post(`/apps/v3/applications/${source.uuid}/copy/`).send({ target_name: 'Fork', target_organisation: ORGANISATION, type: 'FORK' }).expect(201);
    emu.clock.advance(1000);
    await api.post(`/apps/v3/applications/${source.uuid}/copy/`).send({ target_name: 'Mirror', target_organisation: ORGANISATION, type: 'MIRROR' }).expect(201);
    expect(slugs((await api.get('/apps/v3/applications/?tags=shop').expect(200)).body)).toEqual(['source', 'fork', 'mirror']);
    expect(slugs((await api.get('/apps/v3/applications/?tags=web').expect(200)).body)).toEqual(['source', 'plain', 'fork', 'mirror']);
    expect(slugs((await api.get(`/apps/v3/applications/?copied_from=${source.uuid}`).expect(200)).body)).toEqual(['fork', 'mirror']);
    expect(slugs((await api.get('/apps/v3/applications/?copy_type=FORK').expect(200)).body)).toEqual(['fork']);
    expect(slugs((await api.get('/apps/v3/applications/?is_mirror=true').expect(200)).body)).toEqual(['mirror']);
    expect(slugs((await api.get('/apps/v3/applications/?is_mirror=false').expect(200)).body)).toEqual(['source', 'plain', 'fork']);
    expect((await api.get('/apps/v3/applications/?slug=source').expect(200)).body.results[0].mirrors_count).toBe(1);
    await api.delete(`/apps/v3/applications/${source.uuid}/`).send({ verify_name: 'source' }).expect(200);
    expect(slugs((await api.get('/apps/v3/applications/?tags=shop').expect(200)).body)).toEqual(['fork', 'mirror']);
    expect((await api.get('/apps/v3/applications/?has_bugs=true').expect(200)).body).toMatchObject({ count: 0, results: [] });
  });

  test('o takes several keys, the first of a field wins, ties stay oldest first; name_search ignores case beyond ASCII', async () => {
    await createInTurn([['one', { name: 'Été' }], ['two', { name: 'b' }], ['three', { name: 'B' }], ['four', { name: 'b' }]]);
    const api = divioAs(emu);
    expect(slugs((await api.get('/apps/v3/applications/?o=name').expect(200)).body)).toEqual(['two', 'four', 'three', 'one']);
    expect(slugs((await api.get('/apps/v3/applications/?o=-name,name').expect(200)).body)).toEqual(['one', 'three', 'two', 'four']);
    expect(slugs((await api.get('/apps/v3/applications/?o=-created_at').expect(200)).body)).toEqual(['four', 'three', 'two', 'one']);
    expect(slugs((await api.get('/apps/v3/applications/?o=name,-created_at').expect(200)).body)).toEqual(['four', 'two', 'three', 'one']);
    expect(slugs((await api.get(`/apps/v3/applications/?name_search=${encodeURIComponent('éTÉ')}`).expect(200)).body)).toEqual(['one']);
  });

  test('pages are counted and cut in SQL, filters included; a page past the end is 404', async () => {
    await createInTurn([['a1'], ['a2'], ['a3'], ['b1']]);
    const api = divioAs(emu);
    const first = await api.get('/apps/v3/applications/?name_search=the%20a&page_size=2').expect(200);
    expect(first.body).toMatchObject({ count: 3, previous: null });
    expect(slugs(first.body)).toEqual(['a1', 'a2']);
    const second = await api.get('/apps/v3/applications/?name_search=the%20a&page_size=2&page=2').expect(200);
    expect(slugs(second.body)).toEqual(['a3']);
    expect(second.body.next).toBeNull();
    await api.get('/apps/v3/applications/?name_search=the%20a&page_size=2&page=3').expect(404);
  });

  test('an app made through Deis is listed with the defaults of a profile', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'from-deis' }).expect(201);
    const res = await divioAs(emu).get('/apps/v3/applications/?slug=from-deis').expect(200);
    expect(res.body.results[0]).toMatchObject({
      slug: 'from-deis', name: 'from-deis', organisation: ORGANISATION, tags: [], release_commands: [], copy_type: null,
      mirrors_count: 0, can_add_environment: true, maintenance_window_start: 0, startup_probe_max_retries: 30,
    });
    const one = await divioAs(emu).get(`/apps/v3/applications/${res.body.results[0].uuid}/`).expect(200);
    expect(one.body).toEqual(res.body.results[0]);
  });
});
