// Form validation (README: "a bad field comes back with its message and the user's values,
// status 400, nothing written"): the delegate's request form, the MSPS key form, the reject
// form and the environments page. Each invalid field gets 400, its Spanish message next to
// it, the other typed values back (escaped), and no row changes; a corrected resubmission
// of the re-rendered form is accepted.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

let inst, del, msps, solId;

before(async () => {
  inst = await startPortal();
  solId = h.num(inst, "SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100074' AND s.vigente = 1 AND s.estado = 'pendiente'");
  assert.ok(solId > 0, 'the demo delegate 800100074 has a pending request');
  del = await h.loginAs(inst, h.DEL_NUEVO);
  msps = await h.loginAs(inst, h.MSPS);
});

after(async () => {
  if (inst) await inst.stop();
});

// Asserts that the <input name> of html holds value, escaped in the HTML source.
function assertKept(html, name, value, what) {
  assert.equal(h.inputValue(html, name), value, `${what}: ${name} keeps what was typed`);
  assert.ok(html.includes(`name="${name}" value="${h.htmlEscape(value)}"`),
    `${what}: ${name} is escaped in the page`);
}

// Asserts that exactly field is marked invalid, with message msg.
function assertOnlyError(html, field, msg, what) {
  assert.deepEqual(h.fieldsWithErrors(html), [field], `${what}: only ${field} is marked`);
  assert.equal(h.fieldError(html, field), msg, `${what}: the message next to ${field}`);
  assert.match(html, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`), `${what}: ${field} aria-invalid`);
}

// ---------------------------------------------------------------------------------------
// 1. The delegate's request form.

const MSG_CORREO = 'Escriba un correo válido, por ejemplo nombre@entidad.gov.co.';
const MSG_TEL = 'Escriba un celular de 10 dígitos que empiece por 3, o un fijo de 10 dígitos que empiece por 60 (o de 7 dígitos).';
const SOL_MSG = {
  proveedor_tec: 'Escriba el nombre del proveedor tecnológico (máximo 200 caracteres).',
  software: 'Escriba el nombre del software (máximo 200 caracteres).',
  lider_nombre: 'Escriba el nombre del líder técnico.',
  lider_correo: MSG_CORREO,
  lider_tel: MSG_TEL,
  resp_nombre: 'Escriba el nombre del responsable de protección de datos.',
  resp_correo: MSG_CORREO,
  resp_tel: MSG_TEL,
  acepta_terminos: 'Debe aceptar los términos para enviar la solicitud.',
  autoriza_datos: 'Debe autorizar el tratamiento de datos personales.',
};
const SOL_TEXT = ['proveedor_tec', 'software', 'lider_nombre', 'lider_correo', 'lider_tel',
  'resp_nombre', 'resp_correo', 'resp_tel'];
const SOL_CHECK = ['acepta_terminos', 'autoriza_datos'];
// Valid values with characters that need escaping, accents and ñ.
const SOL = {
  proveedor_tec: 'Clínica & Cía. <S.A.S.> "Ñandú"',
  software: "HIS 'Andino' v5 & más <beta>",
  lider_nombre: 'José Ñúñez Peña',
  lider_correo: 'lider.tecnico@clinica.example.co',
  lider_tel: '3001234567',
  resp_nombre: 'María "Mafe" Ortiz & Cía',
  resp_correo: 'datos.personales@clinica.example.co',
  resp_tel: '6014567890',
};

function solicitudCases() {
  const cases = [];
  for (const f of [...SOL_TEXT, ...SOL_CHECK]) cases.push([f, undefined, 'missing']);
  for (const f of SOL_TEXT) cases.push([f, '   ', 'blank']);
  for (const f of ['lider_correo', 'resp_correo']) {
    for (const v of ['sin-arroba.example.co', 'nombre@dominio', 'nombre@@clinica.example.co',
      'nombre apellido@clinica.example.co', '.nombre@clinica.example.co', 'nombre.@clinica.example.co',
      'nombre..x@clinica.example.co', 'nombre@-clinica.example.co', 'nombre@clinica.c',
      'ñandú@clinica.example.co', '<script>@x.co', '@clinica.example.co'])
      cases.push([f, v, 'invalid email']);
    cases.push([f, 'a'.repeat(65) + '@clinica.example.co', 'local part over 64']);
    cases.push([f, 'a@' + 'b'.repeat(250) + '.co', 'over 254 characters']);
  }
  for (const f of ['lider_tel', 'resp_tel']) {
    for (const v of ['300123456', '30012345678', '300 123 456', '300/123/4567', '+1 300 123 4567',
      '57 3001234567', '+57 (601) 555-12-3', '2001234567', '0123456', '60x4567890', 'tres', '５０１２３４５'])
      cases.push([f, v, 'invalid phone']);
  }
  for (const f of SOL_CHECK) for (const v of ['no', 'on', 'SI']) cases.push([f, v, 'unchecked']);
  for (const f of ['proveedor_tec', 'software', 'lider_nombre', 'resp_nombre']) {
    cases.push([f, 'Ñ'.repeat(201), 'over 200 characters']);
    cases.push([f, 'x'.repeat(1000), 'over 200 characters']);
  }
  cases.push(['software', 'HIS\u0001Andino', 'control character']);
  return cases;
}

test('request form: each invalid field gets 400, its message, the other values kept, nothing written', async () => {
  const csrf = await del.csrf('/ihce/solicitud');
  const before = h.snapshot(inst);
  const cases = solicitudCases();
  for (const [field, value, kind] of cases) {
    const what = `${field} ${kind} ${JSON.stringify(value)?.slice(0, 40)}`;
    const sent = h.solicitudFields(csrf, { ...SOL, [field]: value });
    const r = await del.post('/ihce/solicitud', sent);
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.errorSummary(r.text), { text: 'Revise 1 campo(s) marcados: la solicitud no se ha enviado.',
      links: [[`#f-${field}`, SOL_MSG[field]]] }, `${what}: the summary links to the field`);
    assertOnlyError(r.text, field, SOL_MSG[field], what);
    for (const f of SOL_TEXT) {
      if (f === field) assert.equal(h.inputValue(r.text, f), (value || '').trim(), `${what}: the wrong value comes back to be fixed`);
      else assertKept(r.text, f, SOL[f], what);
    }
    for (const f of SOL_CHECK) assert.equal(h.isChecked(r.text, f), f !== field, `${what}: ${f} checked state kept`);
    assert.ok(!r.text.includes('<script>@'), `${what}: nothing typed is echoed unescaped`);
    assert.deepEqual(h.snapshot(inst), before, `${what}: nothing written`);
  }
  assert.equal(h.num(inst, "SELECT count(*) FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100000'"), 0);
});

test('request form: every field wrong at once: all ten marked in form order, count in the alert', async () => {
  const csrf = await del.csrf('/ihce/solicitud');
  const before = h.snapshot(inst);
  const r = await del.post('/ihce/solicitud', { csrf, proveedor_tec: '', software: ' ', lider_nombre: '',
    lider_correo: 'x', lider_tel: '1', resp_nombre: '', resp_correo: 'y@', resp_tel: '2', acepta_terminos: 'no' });
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), [...SOL_TEXT, ...SOL_CHECK]);
  for (const f of [...SOL_TEXT, ...SOL_CHECK]) assert.equal(h.fieldError(r.text, f), SOL_MSG[f], f);
  assert.match(r.text, /Revise 10 campo\(s\) marcados: la solicitud no se ha enviado\./);
  assert.deepEqual(h.snapshot(inst), before);
});

test('request form: a valid submission after an invalid one: the kept values plus the fixes are accepted', async () => {
  const csrf = await del.csrf('/ihce/solicitud');
  const typed = { ...SOL, software: 'ñ'.repeat(200) };	// 200 characters is the limit
  let r = await del.post('/ihce/solicitud', h.solicitudFields(csrf,
    { ...typed, lider_correo: 'lider en clinica', acepta_terminos: undefined }));
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['lider_correo', 'acepta_terminos']);
  assert.match(r.text, /Revise 2 campo\(s\) marcados/);

  // The user fixes the two fields in the form as the page sent it back, and sends it again.
  const form = h.formOf(r.text, '/ihce/solicitud');
  assert.equal(form.acepta_terminos, undefined, 'the unchecked box stays unchecked');
  assert.equal(form.autoriza_datos, 'si', 'the checked box stays checked');
  form.lider_correo = 'lider.tecnico@clinica.example.co';
  form.acepta_terminos = 'si';
  // Phones as people write them are stored as their digits.
  form.lider_tel = '(601) 555-12-34';
  form.resp_tel = '+57 310 555 1234';
  r = await del.post('/ihce/solicitud', form);
  assert.equal(r.status, 303, h.mainOf(r.text).slice(0, 1500));
  assert.equal(r.headers.location, '/ihce?ok=1');
  const row = inst.sql("SELECT proveedor_tec, software, lider_nombre, lider_correo, lider_tel, resp_nombre, resp_correo, resp_tel, estado FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100000' AND s.vigente = 1");
  const stored = { ...typed, lider_tel: '6015551234', resp_tel: '3105551234' };
  assert.deepEqual(row.split('|'), [...SOL_TEXT.map((f) => stored[f]), 'pendiente'],
    'stored exactly as typed (no escaping stored, no characters lost)');
});

// ---------------------------------------------------------------------------------------
// 2 and 3. The MSPS key form and the reject form (request of 800100074, pending).

const KEY_MSG = {
  client_id: 'Client ID: un GUID o de 1 a 64 letras, dígitos, guiones o guiones bajos.',
  client_secret: 'Client Secret: de 1 a 128 caracteres ASCII imprimibles, sin espacios.',
  expira: 'Fecha de expiración: una fecha válida (AAAA-MM-DD) posterior a hoy.',
};
// A blank ClientSecret keeps the stored one: an error only where none is stored, as here.
const MSG_SECRETO_FALTA = 'Escriba el Client Secret: este ambiente aún no tiene uno guardado que se pueda conservar.';
// Valid keys: a GUID and plain ids; secrets with every kind of printable ASCII, one of
// exactly 128 characters; a leap day.
const KEYS = {
  desarrollo: { client_id: '3F2504E0-4f89-11d3-9a0c-0305e82c33d1', client_secret: `S3c<"&'>~dev`, expira: h.fechaCol(365) },
  preproduccion: { client_id: 'pre_prod-01', client_secret: 'pre!#$%&()*+,-./:;<=>?@[\\]^_`{|}~', expira: '2028-02-29' },
  produccion: { client_id: 'P'.repeat(64), client_secret: 'x'.repeat(127) + '"', expira: h.fechaCol(400) },
};
const KEY_BAD = {
  client_id: ['con espacio', 'a'.repeat(65), 'id.con.punto', 'ñandú', '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}',
    '<b>id</b>', ''],
  client_secret: ['con espacio', '', 'x'.repeat(129), 'contraseña', 'tab\there'],
  expira: ['TODAY', 'YESTERDAY', '2020-01-01', '2027-02-30', '2027-13-01', '2029-02-29', '23/11/2027', ''],
};

function keyCases() {
  const cases = [];
  for (const a of h.AMBIENTES)
    for (const [kind, values] of Object.entries(KEY_BAD))
      for (const v of values)
        cases.push({ a, kind, field: `${kind}_${a}`,
          value: v === 'TODAY' ? h.fechaCol(0) : v === 'YESTERDAY' ? h.fechaCol(-1) : v });
  return cases;
}

test('reject form: an empty motivo gets 400 and its message; a long one comes back as typed; nothing written', async () => {
  let r = await msps.get(`/msps/solicitudes/${solId}`);
  assert.equal(r.status, 200);
  const csrf = h.csrfOf(r.text);
  const version = h.versionOf(r.text);
  const before = h.snapshot(inst);
  const msg = 'Escriba el motivo del rechazo (hasta 2000 caracteres): la entidad lo leerá.';
  for (const motivo of [undefined, '', '   ', ' \r\n\t ']) {
    const what = `motivo ${JSON.stringify(motivo)}`;
    const f = { csrf, version: String(version) };
    if (motivo !== undefined) f.motivo = motivo;
    r = await msps.post(`/msps/solicitudes/${solId}/rechazar`, f);
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.errorSummary(r.text), { text: 'Escriba el motivo del rechazo.',
      links: [['#f-motivo', msg]] }, what);
    assertOnlyError(r.text, 'motivo', msg, what);
    assert.equal(h.dataKMain(r.text, 'estado'), 'Pendiente', what);
    assert.deepEqual(h.snapshot(inst), before, `${what}: nothing written`);
  }
  // 2001 characters in paragraphs, with characters to escape: refused, and the text comes
  // back intact, line breaks included.
  let long = "Datos <incompletos> & \"errados\" en la sección ñ de 'contacto'.\r\n\r\n".repeat(40).slice(0, 1990);
  long += 'x'.repeat(2001 - [...long].length);
  assert.equal([...long].length, 2001);
  r = await msps.post(`/msps/solicitudes/${solId}/rechazar`, { csrf, version: String(version), motivo: long });
  assert.equal(r.status, 400);
  assertOnlyError(r.text, 'motivo', msg, 'motivo of 2001 characters');
  assert.equal(h.textareaValue(r.text, 'motivo'), long, 'the motivo comes back as typed, line breaks included');
  assert.ok(r.text.includes('>' + h.htmlEscape(long) + '</textarea>'), 'the motivo is escaped');
  assert.deepEqual(h.snapshot(inst), before);
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${solId}`), 'pendiente');
});

test('key form: each invalid ClientID, ClientSecret and expiry, in each environment: 400, message, values kept, nothing written', async () => {
  let r = await msps.get(`/msps/solicitudes/${solId}`);
  assert.equal(r.status, 200);
  const csrf = h.csrfOf(r.text);
  const version = h.versionOf(r.text);
  const before = h.snapshot(inst);
  const cases = keyCases();
  assert.equal(cases.length, 3 * 20);
  for (const c of cases) {
    const what = `${c.field} = ${JSON.stringify(c.value).slice(0, 40)}`;
    r = await msps.post(`/msps/solicitudes/${solId}`, h.llaveFields(csrf, version, KEYS, { [c.field]: c.value }));
    assert.equal(r.status, 400, what);
    assert.equal(r.headers['cache-control'], 'no-store', `${what}: the typed secrets are not cached`);
    const msg = c.kind === 'client_secret' && c.value === '' ? MSG_SECRETO_FALTA : KEY_MSG[c.kind];
    assert.deepEqual(h.errorSummary(r.text), { text: 'Revise los campos marcados: las llaves no se han guardado.',
      links: [[`#f-${c.field}`, msg]] }, `${what}: the summary links to the field`);
    assertOnlyError(r.text, c.field, msg, what);
    for (const a of h.AMBIENTES) {
      for (const k of ['client_id', 'client_secret', 'expira']) {
        const name = `${k}_${a}`;
        // (ctemplate writes a tab as a space inside an attribute: fine for a one-line input.)
        if (name === c.field) assert.equal(h.inputValue(r.text, name), c.value.trim().replace(/\t/g, ' '), `${what}: the wrong value comes back`);
        else assertKept(r.text, name, KEYS[a][k], what);
      }
    }
    assert.equal(h.versionOf(r.text), version, what);
    assert.ok(!r.text.includes('<b>id</b>'), `${what}: nothing echoed unescaped`);
    assert.deepEqual(h.snapshot(inst), before, `${what}: nothing written`);
  }
  assert.equal(inst.sql(`SELECT estado || '|' || version FROM solicitud WHERE id = ${solId}`), `pendiente|${version}`);
});

test('key form: a valid submission after an invalid one is stored exactly, the secrets sealed', async () => {
  let r = await msps.get(`/msps/solicitudes/${solId}`);
  r = await msps.post(`/msps/solicitudes/${solId}`, h.llaveFields(h.csrfOf(r.text), h.versionOf(r.text), KEYS,
    { expira_produccion: '2027-02-30', client_id_desarrollo: 'mal id' }));
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['client_id_desarrollo', 'expira_produccion']);
  const form = h.formOf(r.text, `/msps/solicitudes/${solId}`);
  form.client_id_desarrollo = KEYS.desarrollo.client_id;
  form.expira_produccion = KEYS.produccion.expira;
  r = await msps.post(`/msps/solicitudes/${solId}`, form);
  assert.equal(r.status, 200, h.mainOf(r.text).slice(0, 1500));
  r = await msps.post(`/msps/solicitudes/${solId}/confirmar`, h.formOf(r.text, `/msps/solicitudes/${solId}/confirmar`));
  assert.equal(r.status, 303, h.mainOf(r.text).slice(0, 1500));
  assert.equal(r.headers.location, '/msps/asignar?ok=llaves');

  const ent = h.num(inst, "SELECT id FROM entidad WHERE nit = '800100074'");
  const rows = inst.sql(`SELECT ambiente, client_id, expira, ${inst.hex('client_secret')} FROM llave WHERE entidad_id = ${ent} AND vigente = 1 ORDER BY id`)
    .split('\n').map((x) => x.split('|'));
  assert.deepEqual(rows.map((x) => x.slice(0, 3)), h.AMBIENTES.map((a) => [a, KEYS[a].client_id, KEYS[a].expira]));
  for (const [i, a] of h.AMBIENTES.entries())
    assert.ok(!rows[i][3].includes(Buffer.from(KEYS[a].client_secret).toString('hex').toUpperCase()), `${a}: secret not in clear`);
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${solId}`), 'asignado');

  // The delegate activates them and reveals them as typed (quotes, <, &, 128 characters).
  const d = await h.loginAs(inst, h.DEL_PENDIENTE);
  await h.activar(inst, d, '800100074');
  r = await d.get('/ihce/llaves');
  const ids = [...r.text.matchAll(/name="llave" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 3);
  for (const [i, a] of h.AMBIENTES.entries()) {
    const shown = await d.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave: ids[i] });
    assert.equal(shown.status, 200);
    assert.equal(h.dataKAll(shown.text, 'client_secret')[i], h.htmlEscape(KEYS[a].client_secret), a);
  }
});

// ---------------------------------------------------------------------------------------
// 4. The environments page.

const AMB_MSG = {
  endpoint: 'EndPoint: una URL completa que empiece por https://.',
  tenant: 'TenantID: un GUID, por ejemplo 3f2504e0-4f89-11d3-9a0c-0305e82c3301.',
  scope: 'Escriba el Scope (máximo 200 caracteres).',
  apim: 'Llave de suscripción APIM: de 1 a 128 caracteres ASCII imprimibles, sin espacios.',
};
const AMB = {
  endpoint_desarrollo: 'https://dev.ihce.example.gov.co/api?v=1&modo=prueba', tenant_desarrollo: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', scope_desarrollo: 'api://ihce-dev/.default',
  endpoint_preproduccion: 'https://pre.ihce.example.gov.co:8443/api', tenant_preproduccion: '3F2504E0-4F89-11D3-9A0C-0305E82C3302', scope_preproduccion: 'Ámbito de preproducción & "pruebas" <pre>',
  endpoint_produccion: 'https://ihce.example.gov.co/api', tenant_produccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3303', scope_produccion: 'api://ihce/.default',
};
const AMB_BAD = {
  endpoint: ['http://ihce.example.gov.co/api', 'https://usuario:clave@ihce.example.gov.co/api',
    'https://usuario@ihce.example.gov.co', 'ihce.example.gov.co/api', 'ftp://ihce.example.gov.co/api',
    'https:///api', 'https://ihce.example.gov.co/a b', 'https://ihce.example.gov.co/"<x>', 'https://ihce.gov.có/api',
    'javascript:alert(1)', ''],
  tenant: ['3f2504e0-4f89-11d3-9a0c-0305e82c330', '3f2504e0-4f89-11d3-9a0c-0305e82c33011',
    '3f2504e0x4f89-11d3-9a0c-0305e82c3301', 'zf2504e0-4f89-11d3-9a0c-0305e82c3301',
    '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}', 'tenant', ''],
  scope: ['', '   ', 's'.repeat(201)],
  apim: ['con espacio', 'llave-ñ', 'x'.repeat(129)],
};
const AMB_TEXT = h.AMBIENTES.flatMap((a) => [`endpoint_${a}`, `tenant_${a}`, `scope_${a}`]);

function ambFields(csrf, over = {}) {
  const f = { csrf, ...AMB };
  for (const a of h.AMBIENTES) f[`apim_${a}`] = '';
  return { ...f, ...over };
}

test('environments: each invalid EndPoint, TenantID, Scope and APIM key: 400, message, values kept, nothing written', async () => {
  const csrf = await msps.csrf('/msps/ambientes');
  const before = h.snapshot(inst);
  const apim = 'APIM-tecleada-' + crypto.randomBytes(6).toString('hex');	// valid, typed with the error
  let n = 0;
  for (const a of h.AMBIENTES) {
    for (const [kind, values] of Object.entries(AMB_BAD)) {
      for (const v of values) {
        const field = `${kind}_${a}`;
        const what = `${field} = ${JSON.stringify(v).slice(0, 50)}`;
        const over = { [field]: v };
        if (field !== 'apim_desarrollo') over.apim_desarrollo = apim;
        const r = await msps.post('/msps/ambientes', ambFields(csrf, over));
        n++;
        assert.equal(r.status, 400, what);
        assert.deepEqual(h.errorSummary(r.text), { text: 'Revise 1 campo(s) marcados: no se guardó nada.',
          links: [[`#f-${field}`, AMB_MSG[kind]]] }, `${what}: the summary links to the field`);
        assertOnlyError(r.text, field, AMB_MSG[kind], what);
        for (const f of AMB_TEXT) {
          if (f === field) assert.equal(h.inputValue(r.text, f), v.trim(), `${what}: the wrong value comes back`);
          else assertKept(r.text, f, AMB[f], what);
        }
        // An APIM key is a password field: never sent back, valid or not.
        for (const x of h.AMBIENTES) assert.equal(h.inputValue(r.text, `apim_${x}`), '', `${what}: apim_${x} empty`);
        assert.ok(!r.text.includes(apim) && (kind !== 'apim' || !r.text.includes(v)), `${what}: no APIM key echoed`);
        assert.ok(!r.text.includes('"<x>'), `${what}: nothing echoed unescaped`);
        assert.deepEqual(h.snapshot(inst), before, `${what}: nothing written`);
      }
    }
  }
  assert.equal(n, 3 * 24);
});

test('environments: a valid save after an invalid one stores the APIM key sealed and shows the new values', async () => {
  const csrf = await msps.csrf('/msps/ambientes');
  const apim = 'APIM-' + crypto.randomBytes(12).toString('hex');
  let r = await msps.post('/msps/ambientes', ambFields(csrf, { apim_desarrollo: apim, tenant_produccion: 'no-es-guid' }));
  assert.equal(r.status, 400);
  // The user fixes the TenantID and types the APIM key again (it is not sent back).
  const form = h.formOf(r.text, '/msps/ambientes');
  assert.equal(form.apim_desarrollo, '');
  form.tenant_produccion = AMB.tenant_produccion;
  form.apim_desarrollo = apim;
  const aud = h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_configurar_ambientes'");
  r = await msps.post('/msps/ambientes', form);
  assert.equal(r.status, 303, h.mainOf(r.text).slice(0, 1500));
  assert.equal(r.headers.location, '/msps/ambientes?ok=1');
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_configurar_ambientes'"), aud + 1);

  r = await msps.get(r.headers.location);
  assert.equal(r.status, 200);
  assert.match(r.text, /La configuración fue guardada\./);
  for (const f of AMB_TEXT) assertKept(r.text, f, AMB[f], 'after saving');
  assert.ok(!r.text.includes(apim), 'the APIM key is not sent back');
  const stored = [...h.mainOf(r.text).matchAll(/<fieldset><legend>([^<]*)<\/legend>([\s\S]*?)<\/fieldset>/g)]
    .map((m) => [m[1], m[2].includes('Hay una llave de suscripción APIM guardada.')]);
  assert.deepEqual(stored, [['Desarrollo', true], ['Preproducción', false], ['Producción', false]]);

  // In the database: the three rows as typed; the APIM key sealed, only for desarrollo.
  const rows = inst.sql(`SELECT nombre, endpoint, tenant_id, scope, ${inst.hex('apim_key')} FROM ambiente ORDER BY orden`).split('\n').map((x) => x.split('|'));
  assert.deepEqual(rows.map((x) => x.slice(0, 4)), h.AMBIENTES.map((a) => [a, AMB[`endpoint_${a}`], AMB[`tenant_${a}`], AMB[`scope_${a}`]]));
  assert.ok(rows[0][4].length > 2 * apim.length, 'a sealed APIM key is stored');
  assert.ok(!rows[0][4].includes(Buffer.from(apim).toString('hex').toUpperCase()), 'not in clear');
  assert.deepEqual([rows[1][4], rows[2][4]], ['', '']);
  assert.equal(inst.volcado().indexOf(Buffer.from(apim)), -1, 'the database holds the APIM key in clear');

  // A delegate with keys sees the new parameters, and the key opens.
  const d = await h.loginAs(inst, h.DEL_LLAVES);
  r = await d.get('/ihce/llaves');
  assert.ok(r.text.includes(`<dt>EndPoint</dt><dd data-k="endpoint" data-copiar>${h.htmlEscape(AMB.endpoint_desarrollo)}</dd>`));
  assert.ok(r.text.includes(`<dt>Scope</dt><dd data-k="scope" data-copiar>${h.htmlEscape(AMB.scope_preproduccion)}</dd>`));
  const llave = /name="llave" value="(\d+)"/.exec(r.text)[1];
  r = await d.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave });
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(`<dt>Llave de suscripción APIM</dt><dd data-k="apim" data-copiar>${apim}</dd>`), 'the APIM key opens for the delegate');
});

test('environments: with a key stored, a blank APIM field keeps it, and a refused form still says a key is stored', async () => {
  const csrf = await msps.csrf('/msps/ambientes');
  const blob = inst.sql(`SELECT ${inst.hex('apim_key')} FROM ambiente WHERE nombre = 'desarrollo'`);
  assert.ok(blob.length > 0);
  const before = h.snapshot(inst);
  let r = await msps.post('/msps/ambientes', ambFields(csrf, { endpoint_preproduccion: 'http://pre.ihce.example.gov.co/api' }));
  assert.equal(r.status, 400);
  const notice = [...h.mainOf(r.text).matchAll(/<fieldset><legend>([^<]*)<\/legend>([\s\S]*?)<\/fieldset>/g)]
    .map((m) => [m[1], m[2].includes('Hay una llave de suscripción APIM guardada.')]);
  assert.deepEqual(notice, [['Desarrollo', true], ['Preproducción', false], ['Producción', false]],
    'the re-rendered form tells which environments have a stored key, as the page did');
  assert.deepEqual(h.snapshot(inst), before);

  r = await msps.post('/msps/ambientes', ambFields(csrf, { scope_produccion: 'api://ihce-nuevo/.default' }));
  assert.equal(r.status, 303);
  assert.equal(inst.sql(`SELECT ${inst.hex('apim_key')} FROM ambiente WHERE nombre = 'desarrollo'`), blob, 'blank keeps the stored key');
  assert.equal(inst.sql("SELECT scope FROM ambiente WHERE nombre = 'produccion'"), 'api://ihce-nuevo/.default');
});
