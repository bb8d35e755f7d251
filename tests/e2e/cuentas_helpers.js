// Helpers of the account tests (registration, passwords, account administration).
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./helpers.js');
const { waitFor } = require('../lib/portal.js');

const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

// The challenge of a registration page: its id and, read from the database, the code drawn
// in the image and the answer of the text question.
function retoOf(inst, html) {
  const id = h.inputValue(html, 'reto_id');
  assert.match(id || '', /^[A-Za-z0-9_-]{43}$/, 'the page carries a challenge id');
  const row = inst.sql(`SELECT codigo || '|' || respuesta FROM reto WHERE id_hash = ${inst.blob(sha256(id))}`);
  assert.ok(row, 'the challenge is stored under the hash of its id');
  const [codigo, respuesta] = row.split('|');
  return { id, codigo, respuesta };
}

let seq = 0;
// A NIT nobody has used yet in this process (9 digits starting with 7).
function nuevoNit() {
  seq += 1;
  return String(700000000 + process.pid % 1000 * 1000 + seq).slice(0, 9);
}

// The module each entity type registers in (the form's "modulo" select).
const MODULO_DE = { IPS: 'IHCE', EPSC: 'MIPRES', EPSS: 'MIPRES', ET: 'MIPRES', PROV: 'MIPRES', CCF: 'SAT', AP: 'AP' };

// A complete, valid delegate registration (over replaces, or with undefined removes); the
// module follows the entity type unless over names one.
function delegadoFields(over = {}) {
  const f = {
    modulo: 'IHCE', tipo_entidad: 'IPS', nit: nuevoNit(), razon_social: 'Clínica Nueva Esperanza S.A.S.',
    tipo_doc: 'CC', num_doc: '79123456', primer_nombre: 'Ana', segundo_nombre: 'María',
    primer_apellido: 'Pérez', segundo_apellido: 'Gómez',
    correo: 'ana.perez@clinica-nueva.example.co', acepta_confidencialidad: 'si',
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete f[k];
    else f[k] = v;
  }
  if (!('modulo' in over) && MODULO_DE[f.tipo_entidad]) f.modulo = MODULO_DE[f.tipo_entidad];
  return f;
}

function otroFields(over = {}) {
  const f = {
    tipo_doc: 'CC', num_doc: String(52000000 + seq++), primer_nombre: 'Jorge', segundo_nombre: 'Iván',
    primer_apellido: 'Londoño', segundo_apellido: 'Díaz', correo: 'jorge.londono@minsalud.example.co',
    acepta_confidencialidad: 'si',
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete f[k];
    else f[k] = v;
  }
  return f;
}

// A small, well-formed one-page PDF (header, objects, cross-reference table, trailer,
// startxref, %%EOF) whose page says text (ASCII); extra bytes of padding in a comment
// make it bigger.
function pdf(text = 'Carta de designacion del delegado administrativo', padding = 0) {
  const stream = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%' + 'x'.repeat(padding) + '\n';
  const off = [];
  objs.forEach((o, i) => { off.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += 'xref\n0 6\n0000000000 65535 f \n' + off.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// A well-formed PDF of exactly n bytes (n over a few hundred).
function pdfOfSize(n, text = 'Carta de designacion') {
  let pad = n - pdf(text).length;
  for (let b = pdf(text, pad); b.length !== n; b = pdf(text, pad)) pad += n - b.length;
  return pdf(text, pad);
}

// The designation letter a registration attaches: { filename, type, data }.
function carta(data = pdf(), filename = 'carta-designacion.pdf', type = 'application/pdf') {
  return { filename, type, data };
}

// Opens the form at path with client c and posts fields with the page's CSRF token and
// challenge, answered with the image's code unless reto says otherwise. The delegate's form
// (/registro) goes as multipart/form-data with the letter (a valid PDF unless file says
// otherwise; null: none); the other form-encoded, as before. Returns { r, page, ch }.
async function registrar(inst, c, fields, { path = '/registro', reto, file } = {}) {
  const page = await c.get(path);
  assert.equal(page.status, 200, `GET ${path}`);
  const ch = retoOf(inst, page.text);
  const body = { csrf: h.csrfOf(page.text), reto_id: ch.id,
    reto: reto === undefined ? ch.codigo : (typeof reto === 'function' ? reto(ch) : reto), ...fields };
  if (path !== '/registro') return { r: await c.post(path, body), page, ch };
  const files = file === null ? {} : { carta: file || carta() };
  return { r: await c.postMultipart(path, body, files), page, ch };
}

// The id of the latest delegate request of login, or null.
function solicitudDe(inst, login) {
  const id = inst.sql(`SELECT max(d.id) FROM solicitud_delegado d JOIN usuario u ON u.id = d.usuario_id WHERE u.login = '${login}'`);
  return id ? Number(id) : null;
}

// A funcionario MSPS (the demo's, logged in once per instance) decides the waiting
// request of login through the queue's pages: 'aprobar', or 'rechazar' with motivo.
// Returns the POST's answer (303 to the queue when it worked).
const officials = new Map();
async function decidir(inst, login, accion = 'aprobar', motivo = 'La carta no está firmada por el representante legal.') {
  if (!officials.has(inst.base)) officials.set(inst.base, await h.loginAs(inst, h.MSPS));
  const msps = officials.get(inst.base);
  const id = solicitudDe(inst, login);
  assert.ok(id, `a delegate request of ${login}`);
  const page = await msps.get(`/msps/delegados/${id}`);
  assert.equal(page.status, 200, `the request page of ${login}`);
  const fields = { csrf: h.csrfOf(page.text) };
  if (accion === 'rechazar') fields.motivo = motivo;
  return msps.post(`/msps/delegados/${id}/${accion}`, fields);
}

// Approves the waiting request of login; fails unless it worked.
async function aprobar(inst, login) {
  const r = await decidir(inst, login, 'aprobar');
  assert.equal(r.status, 303, `approval of ${login}: ${r.text.slice(0, 300)}`);
  assert.equal(r.headers.location, '/msps/delegados?ok=aprobada');
}

// The last message of the outbox to para: { asunto, cuerpo }, or null.
function lastMail(inst, para) {
  const id = inst.sql(`SELECT max(id) FROM correo WHERE para = '${para}'`);
  if (!id) return null;
  return { id: Number(id), asunto: inst.sql(`SELECT asunto FROM correo WHERE id = ${id}`),
    cuerpo: inst.correo(id) };
}

// The token of the last password link mailed to para.
function linkToken(inst, para) {
  const m = lastMail(inst, para);
  assert.ok(m, `a message to ${para}`);
  const x = new RegExp(`${inst.base.replace(/[.]/g, '\\.')}/clave/([A-Za-z0-9_-]{43})\\n`).exec(m.cuerpo);
  assert.ok(x, `the message to ${para} carries a link to ${inst.base}/clave/…: ${m.cuerpo}`);
  return x[1];
}

// Sets the password through the link token with a fresh client; returns the POST's answer.
async function setPassword(inst, token, nueva, confirmar = nueva) {
  const c = inst.client();
  const page = await c.get(`/clave/${token}`);
  const csrf = h.csrfOf(page.text);
  return c.post(`/clave/${token}`, { csrf: csrf || '', nueva, confirmar });
}

// The option marked selected in <select name="name">, or null.
function selectedOf(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!m) return null;
  const s = /<option value="([^"]*)" selected>/.exec(m[1]);
  return s ? s[1] : null;
}

// The text of the alert of a page (role="alert" with data-k="fail"), or null.
function failOf(html) {
  const v = h.dataKMain(html, 'fail');
  return v === null ? null : h.htmlDecode(v);
}

// Snapshot of what registration and password pages may write.
function cuentasSnapshot(inst) {
  const estados = inst.lista('SELECT estado FROM solicitud_delegado ORDER BY id');
  return {
    ...h.snapshot(inst),
    rol: inst.sql("SELECT count(*) || ':' || coalesce(sum(activo), 0) FROM rol_asignado"),
    enlace: inst.sql("SELECT count(*) || ':' || count(usado) FROM enlace_clave"),
    claves: sha256(inst.lista("SELECT coalesce(pass_hash, '-') || coalesce(aprobacion, '-') || activo FROM usuario ORDER BY id")),
    delegados: `${estados === '' ? 0 : estados.split(',').length}:${estados}`,
    envios: inst.sql('SELECT count(*) FROM registro_envio'),
  };
}

// nginx's access log of inst once it holds n lines matching re (default 1): nginx writes a
// request's line after it sent the answer, so the client may read the file first.
async function accessLog(inst, re, n = 1) {
  const file = path.join(inst.dir, 'nginx-access.log');
  const read = () => fs.readFileSync(file, 'utf8');
  const count = () => read().split('\n').filter((l) => re.test(l)).length;
  await waitFor(() => count() >= n, `${n} lines matching ${re} in nginx-access.log`);
  return read();
}

module.exports = { sha256, accessLog, retoOf, nuevoNit, delegadoFields, otroFields, registrar, lastMail,
  linkToken, setPassword, selectedOf, failOf, cuentasSnapshot, pdf, pdfOfSize, carta, solicitudDe, decidir,
  aprobar };
