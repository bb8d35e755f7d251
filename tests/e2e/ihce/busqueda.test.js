// The MSPS queue search on a large queue (the demo plus 450 pending requests): whatever path
// the portal takes (trigram index or reading the queue), each search shows exactly the
// requests the rule selects — NIT or código de habilitación starting with the text, razón
// social containing it (without accents or case), or the state named — in queue order; a
// search matching more than 200 shows the first 200 and asks to refine.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal');
const h = require('../helpers');

let inst, msps;

before(async () => {
  inst = await startPortal({ extra: 450 });
  msps = await h.loginAs(inst, h.MSPS);
});
after(async () => { await inst.stop(); });

// The ids the rule selects in queue cola, oldest first, computed here in SQL from scratch.
function expected(cola, q, fq) {
  const lit = (s) => `'${s.replace(/'/g, "''")}'`;
  const out = inst.sql(`SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id
    WHERE s.vigente = 1 AND s.cola = ${lit(cola)} AND (substr(e.nit, 1, length(${lit(q)})) = ${lit(q)}
    OR substr(e.codigo_habilitacion, 1, length(${lit(q)})) = ${lit(q)}
    OR e.razon_norm LIKE '%' || ${lit(fq)} || '%' OR s.estado = ${lit(fq)}) ORDER BY s.fecha, s.id`);
  return out === '' ? [] : out.split('\n').map(Number);
}

// Every row the pages of a search show, following the pager.
async function shown(q) {
  const ids = [];
  let r = await msps.get('/msps/asignar?q=' + encodeURIComponent(q));
  for (let p = 1; ; p++) {
    assert.equal(r.status, 200);
    ids.push(...h.colaRows(r.text).map((x) => x.id));
    const pg = h.pager(r.text);
    if (!pg || !pg.next) return { ids, first: r };
    r = await msps.get(pg.next);
  }
}

test('searches of every kind show exactly the requests the rule selects, in order', async () => {
  for (const [q, fq] of [
    ['clínica san rafael', 'clinica san rafael'],	// a name, accents folded: the index
    ['SANTA CLARA', 'santa clara'],			// case folded
    ['800100074', '800100074'],				// a whole NIT
    ['8001003', '8001003'],				// a NIT prefix
    ['110', '110'],					// a código prefix
    ['IB', 'ib'],					// two letters: the queue is read
    ['Ñu', 'nu'],					// two letters once folded
    ['pital san ra', 'pital san ra'],			// words cut: trigrams across them
    ['unidad de salud san', 'unidad de salud san'],	// every trigram common
    ['CLÍNICA SANTA', 'clinica santa'],		// accents and case folded
    ['resolicitado', 'resolicitado'],			// a state
    ['"; DROP', '"; drop'],				// quotes are text, not index syntax
    ['zzzz', 'zzzz'],					// nothing
  ]) {
    const want = expected('asignar', q, fq);
    assert.ok(want.length <= 200, `q=${q} matches ${want.length}: pick a narrower one`);
    assert.ok(want.length > 0 || ['zzzz', '"; DROP'].includes(q), `q=${q} should match some`);
    const { ids, first } = await shown(q);
    assert.deepEqual(ids, want, `q=${q}`);
    assert.equal(h.dataKMain(first.text, 'total'), `${want.length} entidad(es)`, `q=${q}`);
    assert.equal(h.dataKMain(first.text, 'mas'), null, `q=${q}: no "refine" notice`);
  }
});

test('a search matching more than 200 shows the first 200 in order and asks to refine', async () => {
  const want = expected('asignar', 'hospital', 'hospital');
  assert.ok(want.length > 200, `the data has ${want.length} hospitals`);
  const { ids, first } = await shown('hospital');
  assert.deepEqual(ids, want.slice(0, 200));
  assert.equal(h.dataKMain(first.text, 'total'), 'Más de 200 entidad(es)');
  assert.match(h.dataKMain(first.text, 'mas'), /Escriba más letras/);
  // A page past the tenth falls back to the first.
  const r = await msps.get('/msps/asignar?q=hospital&p=11');
  assert.deepEqual(h.colaRows(r.text).map((x) => x.id), want.slice(0, 20));
});

test('a name search asked for a page past its matches, or a page 0, shows the first page', async () => {
  const want = expected('asignar', 'clínica san rafael', 'clinica san rafael');
  assert.ok(want.length > 0 && want.length <= 180, `${want.length} matches: fewer than 9 pages`);
  for (const p of ['9', '0', '-3', '99999999999999999999']) {
    const r = await msps.get('/msps/asignar?q=' + encodeURIComponent('clínica san rafael') + '&p=' + p);
    assert.equal(r.status, 200, `p=${p}`);
    assert.deepEqual(h.colaRows(r.text).map((x) => x.id), want.slice(0, 20), `p=${p}`);
    assert.equal(h.dataKMain(r.text, 'total'), `${want.length} entidad(es)`, `p=${p}`);
  }
});

// The trigrams asked are chosen by their counts (busqueda_trigrama), which the periodic job
// fills when the portal starts: here from the demo's entities, none of them with these.
test('a name with characters folding leaves as they are is asked as the phrase', async () => {
  const [id, nit] = inst.sql(`SELECT s.id, e.nit FROM solicitud s JOIN entidad e ON e.id = s.entidad_id
    WHERE s.vigente = 1 AND s.cola = 'asignar' ORDER BY s.id DESC LIMIT 1`).split('|');
  inst.sql(`UPDATE entidad SET razon_social = 'Droguería Ağrı’s', razon_norm = 'drogueria ağrı’s' WHERE nit = '${nit}'`);
  for (const [q, fq, hallada] of [['ağrı’s', 'ağrı’s', true], ['ı’s', 'ı’s', true],
    ['gueria ağ', 'gueria ağ', true], ['AĞRI', 'aĞri', false]]) {
    const want = expected('asignar', q, fq);
    assert.equal(want.includes(Number(id)), hallada, `q=${q}`);
    assert.deepEqual((await shown(q)).ids, want, `q=${q}`);
  }
});

test('the index follows the entity: a renamed entity is found by its new name only', async () => {
  const nit = '800100074';
  const id = h.num(inst, `SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '${nit}' AND s.vigente = 1`);
  const old = inst.sql(`SELECT razon_norm FROM entidad WHERE nit = '${nit}'`);
  inst.sql(`UPDATE entidad SET razon_social = 'Clínica Ñandutí Renombrada', razon_norm = 'clinica nanduti renombrada' WHERE nit = '${nit}'`);
  assert.deepEqual((await shown('ñandutí renomb')).ids, [id]);
  assert.ok(!(await shown(old)).ids.includes(id), 'not found by the old name');
});

// Among 5,000 more entities, texts whose rarest trigram is in more than 2,000 of them are not
// sorted from the index: it gives 201 matches and the queue is read in order for the page.
test('at 5,000 entities, texts of common trigrams page like the rule, through either path', async () => {
  const big = await startPortal({ extra: 5000 });
  try {
    const s = await h.loginAs(big, h.MSPS);
    const entidades = Number(big.sql('SELECT count(*) FROM entidad'));
    // The job's first pass runs as the portal starts, beside the first requests.
    const contadas = () => big.sql("SELECT n FROM busqueda_trigrama WHERE trigrama = ''");
    for (let i = 0; i < 300 && contadas() === ''; i++) await new Promise((f) => setTimeout(f, 200));
    assert.equal(Number(contadas()), entidades, 'the job counted the trigrams at start');
    assert.ok(Number(big.sql("SELECT n FROM busqueda_trigrama WHERE trigrama = 'hos'")) > 2000);
    const lit = (x) => `'${x.replace(/'/g, "''")}'`;
    for (const [q, fq] of [['hospital', 'hospital'], ['a san', 'a san'], ['HOSPITAL SAN', 'hospital san'],
      ['clínica san rafael', 'clinica san rafael'], ['ital', 'ital'], ['de la', 'de la'], ['sa', 'sa'],
      ['800', '800'], ['hospital zzz', 'hospital zzz']]) {
      const out = big.sql(`SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id
        WHERE s.vigente = 1 AND s.cola = 'asignar' AND (substr(e.nit, 1, length(${lit(q)})) = ${lit(q)}
        OR substr(e.codigo_habilitacion, 1, length(${lit(q)})) = ${lit(q)}
        OR e.razon_norm LIKE '%' || ${lit(fq)} || '%' OR s.estado = ${lit(fq)}) ORDER BY s.fecha, s.id`);
      const want = out === '' ? [] : out.split('\n').map(Number);
      const ids = [];
      let r = await s.get('/msps/asignar?q=' + encodeURIComponent(q));
      assert.equal(h.dataKMain(r.text, 'total'),
        want.length > 200 ? 'Más de 200 entidad(es)' : `${want.length} entidad(es)`, `q=${q}`);
      for (;;) {
        ids.push(...h.colaRows(r.text).map((x) => x.id));
        const pg = h.pager(r.text);
        if (!pg || !pg.next) break;
        r = await s.get(pg.next);
      }
      assert.deepEqual(ids, want.slice(0, 200), `q=${q}`);
    }
  } finally {
    await big.stop();
  }
});
