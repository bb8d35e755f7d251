// Helpers shared by the end-to-end tests (on top of tests/lib/portal.js).
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { csrfOf } = require('../lib/portal.js');

const MSPS = 'CC1010202030';
const MSPS_CORREO = 'laura.gomez@minsalud.example.co';
const ADMIN = 'CC1010202040';	// administrador MSPS
const DEL_NUEVO = 'ADMINHCEIPS800100000';	// no request yet
const DEL_LLAVES = 'ADMINHCEIPS800100037';	// keys assigned
const DEL_PENDIENTE = 'ADMINHCEIPS800100074';	// pending request
const DEL_RECHAZADO = 'ADMINHCEIPS800100111';	// rejected request

// The HTML escaping ctemplate applies in HTML context.
function htmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
    .replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlDecode(s) {
  return String(s).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// The page's own content (what is inside <main>), without the layout's session header.
function mainOf(html) {
  const i = html.indexOf('<main');
  const j = html.indexOf('</main>');
  return i >= 0 && j > i ? html.slice(i, j) : '';
}

// Every value marked data-k="key", tags stripped, in document order.
function dataKAll(html, key) {
  const re = new RegExp(`data-k="${key}"[^>]*>([\\s\\S]*?)</`, 'g');
  return [...html.matchAll(re)].map((m) => m[1].trim());
}

// The first data-k="key" inside <main>.
function dataKMain(html, key) {
  const all = dataKAll(mainOf(html), key);
  return all.length ? all[0] : null;
}

// The value attribute of the <input name="name"> (decoded), or null when absent.
function inputValue(html, name) {
  const re = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`);
  const m = re.exec(html);
  if (!m) return null;
  const v = /\bvalue="([^"]*)"/.exec(m[0]);
  return v ? htmlDecode(v[1]) : null;
}

// The text of a <textarea name="name">.
function textareaValue(html, name) {
  const m = new RegExp(`<textarea[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m ? htmlDecode(m[1]) : null;
}

// Whether the checkbox name is checked.
function isChecked(html, name) {
  const m = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html);
  return !!m && /\schecked\b/.test(m[0]);
}

// The fields a browser would submit from the <form action="action"> of html (hidden and
// text inputs, checked checkboxes, textareas), values decoded: to resubmit a re-rendered form.
function formOf(html, action) {
  const m = new RegExp(`<form[^>]*\\baction="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  assert.ok(m, `a form with action ${action}`);
  const f = {};
  for (const x of m[1].matchAll(/<input\b[^>]*>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g)) {
    const tag = x[0];
    const name = /\bname="([^"]*)"/.exec(tag);
    if (!name) continue;
    if (tag.startsWith('<textarea')) f[name[1]] = htmlDecode(/>([\s\S]*?)<\/textarea>$/.exec(tag)[1]);
    else if (/\btype="checkbox"/.test(tag)) {
      if (/\schecked\b/.test(tag)) f[name[1]] = htmlDecode(/\bvalue="([^"]*)"/.exec(tag)[1]);
    } else {
      const v = /\bvalue="([^"]*)"/.exec(tag);
      f[name[1]] = v ? htmlDecode(v[1]) : '';
    }
  }
  return f;
}

// The message next to field name (<p class="error" id="f-NAME-err">), or null.
function fieldError(html, name) {
  const m = new RegExp(`<p class="error" id="f-${name}-err">([\\s\\S]*?)</p>`).exec(html);
  return m ? htmlDecode(m[1].trim()) : null;
}

// The error summary on top of a form sent back (a focusable alert with links to each field
// in error): { text, links: [[href, text], ...] }, or null when the page has none.
function errorSummary(html) {
  const m = /<div class="alert" role="alert" tabindex="-1" data-resumen>\s*<p[^>]*>([\s\S]*?)<\/p>([\s\S]*?)<\/div>/.exec(mainOf(html));
  if (!m) return null;
  return { text: htmlDecode(m[1].trim()),
    links: [...m[2].matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((x) => [x[1], htmlDecode(x[2])]) };
}

// Names of every field with an error message.
function fieldsWithErrors(html) {
  return [...html.matchAll(/<p class="error" id="f-([A-Za-z0-9_]+)-err">/g)].map((m) => m[1]);
}

// The rows of an MSPS queue page.
function colaRows(html) {
  const t = /<table class="cola">([\s\S]*?)<\/table>/.exec(html);
  if (!t) return [];
  const rows = [];
  for (const m of t[1].matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td><a[^>]*href="\/msps\/solicitudes\/(\d+)"[^>]*>([^<]*)<\/a>/g)) {
    rows.push({ n: Number(m[1]), nit: m[2], codigo: m[3], razon: htmlDecode(m[4]), fecha: m[5],
      estado: m[6], id: Number(m[7]), accion: m[8] });
  }
  return rows;
}

// The pager of a queue page: { prev, next, pages: [{n, href|null}] } (hrefs decoded), or null.
function pager(html) {
  const m = /<nav class="pager"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  if (!m) return null;
  const p = m[1];
  const prev = /<a href="([^"]*)" rel="prev">Anterior<\/a>/.exec(p);
  const next = /<a href="([^"]*)" rel="next">Siguiente<\/a>/.exec(p);
  const pages = [];
  for (const x of p.matchAll(/<span aria-current="page">(\d+)<\/span>|<a href="([^"]*)">(\d+)<\/a>/g)) {
    if (x[1]) pages.push({ n: Number(x[1]), href: null });
    else pages.push({ n: Number(x[3]), href: htmlDecode(x[2]) });
  }
  return { prev: prev ? htmlDecode(prev[1]) : null, next: next ? htmlDecode(next[1]) : null, pages };
}

// Rows of the "Historial de llaves" table of the MSPS request page.
function historial(html) {
  const sec = /<h2>Historial de llaves<\/h2>([\s\S]*?)<\/section>/.exec(html);
  if (!sec) return [];
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(sec[1]);
  const rows = [];
  for (const m of (body ? body[1] : '').matchAll(/<tr>((?:<td>[^<]*<\/td>)+)<\/tr>/g)) {
    const c = [...m[1].matchAll(/<td>([^<]*)<\/td>/g)].map((x) => htmlDecode(x[1]));
    rows.push({ ambiente: c[0], client_id: c[1], expira: c[2], estado: c[3], creada: c[4],
      reemplazada: c[5], por: c[6] });
  }
  return rows;
}

// Logs user in with a fresh client of inst and checks it worked.
async function loginAs(inst, user) {
  const c = inst.client();
  const r = await c.login(user);
  assert.equal(r.status, 303, `login of ${user} should redirect, got ${r.status}`);
  assert.equal(r.headers.location, '/');
  assert.ok(c.cookies.get('__Host-sid'), 'session cookie after login');
  return c;
}

// A complete, valid request form of the delegate (overrides replace or, with undefined,
// remove fields).
function solicitudFields(csrf, over = {}) {
  const f = {
    csrf,
    proveedor_tec: 'Soluciones Clínicas Andinas S.A.S.',
    software: 'HIS Andino 5.2',
    lider_nombre: 'Andrés Felipe Rojas Peña',
    lider_correo: 'lider.tecnico@clinica.example.co',
    lider_tel: '3001234567',
    resp_nombre: 'María Fernanda Ortiz',
    resp_correo: 'datos.personales@clinica.example.co',
    resp_tel: '6014567890',
    acepta_terminos: 'si',
    autoriza_datos: 'si',
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete f[k];
    else f[k] = v;
  }
  return f;
}

const AMBIENTES = ['desarrollo', 'preproduccion', 'produccion'];

// Today in Colombia (UTC-5) plus days, as YYYY-MM-DD.
function fechaCol(days = 0) {
  return new Date(Date.now() - 5 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

// A stored date "YYYY-MM-DD[ rest]" as pages show it: "DD/MM/YYYY[ rest]".
function fechaEs(iso) {
  return iso.replace(/^(\d{4})-(\d\d)-(\d\d)/, '$3/$2/$1');
}

// A CSV download as rows of cells: the portal's format (UTF-8 BOM, ";" between cells, RFC
// 4180 quotes, CRLF after every row, the last one too).
function parseCsv(s) {
  assert.equal(s.charCodeAt(0), 0xfeff, 'the CSV starts with a BOM');
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ';') { row.push(cell); cell = ''; }
    else if (c === '\r' && s[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  assert.equal(cell + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

// Distinct keys for the three environments, tagged with tag.
function llaves(tag, expiraDias = 365) {
  const k = {};
  for (const a of AMBIENTES) {
    k[a] = {
      client_id: `${tag}-${a}-cid`,
      client_secret: `Sec.${tag}~${a}~${Math.random().toString(36).slice(2, 12)}`,
      expira: fechaCol(expiraDias),
    };
  }
  return k;
}

// The key form's fields for keys k, at version.
function llaveFields(csrf, version, k, over = {}) {
  const f = { csrf, version: String(version) };
  for (const a of AMBIENTES) {
    f['client_id_' + a] = k[a].client_id;
    f['client_secret_' + a] = k[a].client_secret;
    f['expira_' + a] = k[a].expira;
  }
  for (const [key, v] of Object.entries(over)) {
    if (v === undefined) delete f[key];
    else f[key] = v;
  }
  return f;
}

// The official saves keys k (llaveFields' overrides over; k null: the form as the page
// prefills it, with over) on request sol, as Asignar or Actualizar token does: the form,
// then its confirmation page's Confirmar. Returns the last answer: the confirmation's
// (303 to the queue when saved), or the form's when it did not lead to a confirmation
// (400 with the fields in error).
async function guardarLlaves(c, sol, k, over = {}) {
  const path = `/msps/solicitudes/${sol}`;
  const page = await c.get(path);
  const r = await c.post(path, k ? llaveFields(csrfOf(page.text), versionOf(page.text), k, over)
    : { ...formOf(page.text, path), ...over });
  if (r.status !== 200 || !r.text.includes(`action="${path}/confirmar"`)) return r;
  return c.post(`${path}/confirmar`, formOf(r.text, `${path}/confirmar`));
}

// The version hidden in the MSPS request page's forms.
function versionOf(html) {
  const m = /name="version" value="(\d+)"/.exec(html);
  return m ? Number(m[1]) : null;
}

// One number from SQL.
function num(inst, q) {
  return Number(inst.sql(q));
}

// Everything a refused request must not change: row counts and the state of the tables a
// POST can touch. Each table's rows are read in order and joined here (SQLite's
// group_concat is not PostgreSQL's); blobs as hex (inst.hex: each engine's function).
function snapshot(inst) {
  const x = inst.hex;
  const filas = {
    solicitud: "SELECT id || ':' || estado || ':' || version || ':' || vigente || ':' || coalesce(motivo_rechazo, '') FROM solicitud ORDER BY id",
    llave: `SELECT id || ':' || vigente || ':' || client_id || ':' || ${x('client_secret')} FROM llave ORDER BY id`,
    intento: "SELECT tipo || ':' || clave || '@' || ip || ':' || fallos FROM intento ORDER BY tipo, clave, ip",
    intento_seguido: "SELECT tipo || ':' || clave || ':' || fallos FROM intento_seguido ORDER BY tipo, clave",
    ambiente: `SELECT nombre || ':' || endpoint || ':' || tenant_id || ':' || scope || ':' || coalesce(${x('apim_key')}, '') FROM ambiente ORDER BY orden`,
  };
  const cuentas = ['auditoria', 'correo', 'sesion', 'entidad', 'usuario'];
  const out = {};
  for (const [k, q] of Object.entries(filas)) {
    const t = inst.sql(q);
    const rows = t === '' ? [] : t.split('\n');
    out[k] = k === 'solicitud' || k === 'llave' ? `${rows.length} ${rows.join(',')}` : rows.join(',');
  }
  const n = inst.sql(cuentas.map((t) => `SELECT count(*) FROM ${t};`).join('\n')).split('\n');
  cuentas.forEach((t, i) => { out[t] = n[i]; });
  const keys = ['solicitud', 'llave', 'auditoria', 'correo', 'sesion', 'intento', 'intento_seguido', 'ambiente', 'entidad', 'usuario'];
  // Long values as count and digest, so a difference reads well in a failure.
  return Object.fromEntries(keys.map((k) => [k, out[k].length > 120
    ? `${out[k].split(' ')[0]} rows, sha1 ${crypto.createHash('sha1').update(out[k]).digest('hex')}` : out[k]]));
}

// The activation code in the last "Llaves IHCE disponibles" mail to the delegate of nit.
function codigoActivacion(inst, nit) {
  const id = inst.sql(`SELECT max(id) FROM correo WHERE para = 'delegado.${nit}@ips.example.co' AND asunto = 'Llaves IHCE disponibles'`);
  const cuerpo = id ? inst.correo(id) : '';
  const m = /Código de activación: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(cuerpo);
  assert.ok(m, `an activation code in the mail to the delegate of ${nit}`);
  return m[1];
}

// The delegate (client c of entity nit) enters the code of the last mail: keys enabled.
async function activar(inst, c, nit) {
  const codigo = codigoActivacion(inst, nit);
  const r = await c.post('/ihce/activar', { csrf: await c.csrf('/ihce/activar'), codigo });
  assert.equal(r.status, 303, `activation of ${nit}`);
  assert.equal(r.headers.location, '/ihce/llaves?activadas=1');
  return codigo;
}

// The security headers every page of the portal carries.
function assertSecurityHeaders(res, what) {
  const h = res.headers;
  const csp = h['content-security-policy'];
  assert.ok(csp, `${what}: Content-Security-Policy missing`);
  assert.ok(!/unsafe-inline/.test(csp), `${what}: CSP allows unsafe-inline: ${csp}`);
  assert.ok(!/unsafe-eval/.test(csp), `${what}: CSP allows unsafe-eval: ${csp}`);
  assert.match(csp, /default-src 'none'|default-src 'self'/, `${what}: CSP default-src`);
  assert.match(csp, /script-src 'self'(;|$)/, `${what}: CSP script-src`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.equal(h['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(h['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(h['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
}

// The allOf attack of issue 11 as an OpenAPI 3 document, POST /a's body S0: when repetido,
// 8 schemas each naming the next 16 times in allOf, with a property each (p0..p7); else 8
// levels of 16 schemas, each an allOf of the 16 of the next level, without properties (a
// table that filled up would stop the reading sooner).
function openapiAllOf(repetido) {
  const ref = (n) => ({ $ref: `#/components/schemas/${n}` });
  const schemas = {};
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < (repetido ? 1 : 16); j++) {
      const parts = [];
      for (let k = 0; i < 7 && k < 16; k++) parts.push(ref(repetido ? `S${i + 1}` : `L${i + 1}S${k}`));
      schemas[repetido ? `S${i}` : `L${i}S${j}`] = repetido ?
        { allOf: parts, properties: { [`p${i}`]: { type: 'string' } } } : { allOf: parts };
    }
  }
  if (!repetido) schemas.S0 = { allOf: Array.from({ length: 16 }, (_, k) => ref(`L0S${k}`)) };
  return { openapi: '3.0.3', info: { title: 'Esquemas en cadena', version: '1' },
    paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema: ref('S0') } } },
      responses: { 200: { description: 'ok' } } } } },
    components: { schemas } };
}

module.exports = {
  MSPS, MSPS_CORREO, ADMIN, DEL_NUEVO, DEL_LLAVES, DEL_PENDIENTE, DEL_RECHAZADO, AMBIENTES,
  htmlEscape, htmlDecode, mainOf, dataKAll, dataKMain, errorSummary, inputValue, textareaValue, isChecked,
  fieldError, fieldsWithErrors, formOf, colaRows, pager, historial, loginAs, solicitudFields,
  fechaCol, llaves, llaveFields, guardarLlaves, versionOf, num, snapshot, assertSecurityHeaders, csrfOf,
  codigoActivacion, activar, fechaEs, parseCsv, openapiAllOf,
};
