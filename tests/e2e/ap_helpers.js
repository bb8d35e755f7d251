// Helpers of the AP web services tests: the demo APs, a client of the AP port, records.
'use strict';
const crypto = require('node:crypto');
const { Client } = require('../lib/portal.js');

// The demo APs (cgi/tools/demo_ap.c): connection username (NIT), autorizado, Client IDs.
const AP_A = { nit: '800900101', login: 'CC1030400010',
  afiliacion: '00900101-0000-4a0a-8a01-000000000001',
  retracto: '00900101-0000-4a0a-8a02-000000000001' };
const AP_B = { nit: '800900202', login: 'CC1030400020',
  afiliacion: '00900202-0000-4a0a-8a01-000000000002',
  retracto: '00900202-0000-4a0a-8a02-000000000002' };
const PASSWORD = 'Portal-Demo-2026';

// A client of the AP port (no cookies are ever set there).
function apClient(inst) {
  return new Client(inst.apBase);
}

// POST /token with form fields; returns { status, json, headers }.
async function token(c, fields) {
  const r = await c.post('/token', fields);
  return { status: r.status, headers: r.headers, json: JSON.parse(r.text) };
}

// A good token of ap for service (its Client ID key: 'afiliacion' or 'retracto').
async function tokenOf(c, ap, service) {
  const r = await token(c, { grant_type: 'password', username: ap.nit, password: PASSWORD,
    client_id: ap[service] });
  if (r.status !== 200) throw new Error('token: ' + JSON.stringify(r.json));
  return r.json.access_token;
}

// POSTs body (a value, sent as JSON, or a string as is) to path with the token;
// prefix false sends the token without "Bearer ".
async function call(c, path, tok, body, { prefix = true } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (tok !== null) headers.Authorization = prefix ? `Bearer ${tok}` : tok;
  const r = await c.request('POST', path, { headers,
    body: typeof body === 'string' ? body : JSON.stringify(body) });
  let json = null;
  try { json = JSON.parse(r.text); } catch { /* left null: the test says */ }
  return { status: r.status, headers: r.headers, json, text: r.text };
}

// Today in Colombia (UTC-5) as YYYY-MM-DD, and n days before.
function dia(n = 0) {
  return new Date(Date.now() - 5 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
}

// A valid affiliation/transfer record (overrides replace fields; undefined removes one).
function afiliacion(radicado, over = {}) {
  const r = { radicado, tipoDocumento: 'CC', numeroDocumento: '1032456789',
    primerNombre: 'María', segundoNombre: 'José', primerApellido: 'Pérez',
    segundoApellido: 'Gómez', fechaNacimiento: '1990-05-17', sexo: 'F',
    tipoNovedad: 'TRASLADO', codigoAdministradoraOrigen: '25-14',
    codigoAdministradoraDestino: '230301', fechaSolicitud: dia(10), fechaEfectividad: dia(0) };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete r[k]; else r[k] = v;
  }
  return r;
}

// A valid withdrawal of radicado (of an afiliacion() with its default document).
function retracto(radicado, over = {}) {
  return { radicado, tipoDocumento: 'CC', numeroDocumento: '1032456789',
    fechaRetracto: dia(1), motivo: 'El afiliado desistió dentro del término.', ...over };
}

// A unique radicado.
function radicado(prefix = 'RAD') {
  return `${prefix}-${crypto.randomBytes(6).toString('hex')}`;
}

module.exports = { AP_A, AP_B, PASSWORD, apClient, token, tokenOf, call, dia, afiliacion,
  retracto, radicado };
