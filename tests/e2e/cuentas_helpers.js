// Helpers of the account tests (registration, passwords, account administration).
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const h = require('./helpers.js');

const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

// The challenge of a registration page: its id and, read from the database, the code drawn
// in the image and the answer of the text question.
function retoOf(inst, html) {
  const id = h.inputValue(html, 'reto_id');
  assert.match(id || '', /^[A-Za-z0-9_-]{43}$/, 'the page carries a challenge id');
  const row = inst.sql(`SELECT codigo || '|' || respuesta FROM reto WHERE id_hash = x'${sha256(id)}'`);
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

// A complete, valid delegate registration (over replaces, or with undefined removes).
function delegadoFields(over = {}) {
  const f = {
    tipo_entidad: 'IPS', nit: nuevoNit(), razon_social: 'Clínica Nueva Esperanza S.A.S.',
    tipo_doc: 'CC', num_doc: '79123456', nombres: 'Ana María', apellidos: 'Pérez Gómez',
    correo: 'ana.perez@clinica-nueva.example.co', acepta_confidencialidad: 'si',
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete f[k];
    else f[k] = v;
  }
  return f;
}

function otroFields(over = {}) {
  const f = {
    tipo_doc: 'CC', num_doc: String(52000000 + seq++), nombres: 'Jorge Iván',
    apellidos: 'Londoño Díaz', correo: 'jorge.londono@minsalud.example.co',
    acepta_confidencialidad: 'si',
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete f[k];
    else f[k] = v;
  }
  return f;
}

// Opens the form at path with client c and posts fields with the page's CSRF token and
// challenge, answered with the image's code unless reto says otherwise. Returns { r, page }.
async function registrar(inst, c, fields, { path = '/registro', reto } = {}) {
  const page = await c.get(path);
  assert.equal(page.status, 200, `GET ${path}`);
  const ch = retoOf(inst, page.text);
  const body = { csrf: h.csrfOf(page.text), reto_id: ch.id,
    reto: reto === undefined ? ch.codigo : (typeof reto === 'function' ? reto(ch) : reto), ...fields };
  const r = await c.post(path, body);
  return { r, page, ch };
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
  return {
    ...h.snapshot(inst),
    rol: inst.sql("SELECT count(*) || ':' || coalesce(sum(activo), 0) FROM rol_asignado"),
    enlace: inst.sql("SELECT count(*) || ':' || count(usado) FROM enlace_clave"),
    claves: sha256(inst.sql("SELECT group_concat(coalesce(pass_hash, '-') || coalesce(aprobacion, '-') || activo, ',') FROM usuario")),
  };
}

module.exports = { sha256, retoOf, nuevoNit, delegadoFields, otroFields, registrar, lastMail,
  linkToken, setPassword, selectedOf, failOf, cuentasSnapshot };
