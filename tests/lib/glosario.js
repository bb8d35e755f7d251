// The glossary's rules (README.md, "## Glosario"): the one list of words the pages, the
// handlers' messages and the mails do not use, and the checks that read a page as a person
// does. tests/e2e/core/glosario.test.js applies them; it also checks that the README's "Not"
// column names exactly these words.
'use strict';

// The IHCE pages, where "token" may name the keys only inside the ministry's own names.
const IHCE = /^\/(ihce|msps\/(asignar|actualizar|solicitudes|ambientes))\b/;
const IHCE_TPL = /^ihce\//;

// Each entry: no (the words as the README's "Not" column writes them), re (what finds them
// in a page's text, global), usar (what to say instead), and optionally permitidas (the
// glossary's own spellings, taken out of the text before searching: "Client ID" is right
// where "Client Id" is wrong), paginas / plantillas (where the entry applies).
const PROHIBIDAS = [
  { no: ['keys'], re: /\bkeys\b/gi, usar: 'llaves' },
  { no: ['Ingresar info'], re: /\bingresar\s+info\b/gi, usar: 'Ingresar llaves' },
  { no: ['token'], re: /\btoken\b/gi, usar: 'llaves (IHCE)', paginas: IHCE, plantillas: IHCE_TPL,
    permitidas: ['Inscripción token', 'Resolicitud token', 'Asignar token', 'Actualizar token',
      'No ha solicitado token', 'Token solicitado por primera vez', 'Resolicitud de token',
      'Se ha asignado el token', 'Se ha reasignado el token'] },
  { no: ['ClientID', 'ClientId', 'Client Id', 'client id'], re: /\bclient ?id\b/gi,
    permitidas: ['Client ID'], usar: 'Client ID' },
  { no: ['ClientSecret', 'Client secret', 'client secret'], re: /\bclient ?secret\b/gi,
    permitidas: ['Client Secret'], usar: 'Client Secret' },
  { no: ['llave APIM', 'APIM key'], re: /\bllave APIM\b|\bAPIM key\b/gi,
    usar: 'llave de suscripción APIM' },
  { no: ['Endpoint', 'Tenant ID'], re: /\bend ?point\b|\btenant ?id\b/gi,
    permitidas: ['EndPoint', 'TenantID'], usar: 'EndPoint, TenantID' },
  { no: ['access token', 'bearer token'], re: /\b(access|bearer) token\b/gi, usar: 'token de acceso' },
  { no: ['token endpoint', 'servidor de tokens'], re: /\btoken endpoint\b|\bservidor de tokens\b/gi,
    usar: 'servicio de autorización' },
  { no: ['Username', 'Password'], re: /\b(username|password)\b/gi, usar: 'Usuario, Contraseña' },
  { no: ['Client credentials', 'Concesión password'], re: /\bclient credentials\b|\bconcesión password\b/gi,
    usar: 'Credenciales del cliente, Usuario y contraseña' },
  { no: ['Compartir Servicios Entidad'], re: /\bcompartir servicios entidad\b/gi,
    usar: 'Compartir servicios de la entidad' },
  { no: ['Información servicio'], re: /\binformación servicio\b/gi, usar: 'Información del servicio' },
];

// Every word of the "Not" column.
const NO = PROHIBIDAS.flatMap((p) => p.no);

const INLINE = /^(a|abbr|b|bdi|br|cite|data|em|i|label|mark|q|s|small|span|strong|sub|sup|time|u|wbr)$/i;

function decode(s) {
  return s.replace(/&nbsp;/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// The text a person reads in html, one line per block: inline tags join their words, block
// tags break lines; code font (API and wire names, examples, replies of outside services),
// a service's OpenAPI documentation (its contract, in its author's words), scripts and typed
// values (textarea) are left out; the attributes a person reads or hears
// (aria-label, title, placeholder, alt, data-confirm) are lines of their own.
function texto(html) {
  const attrs = [];
  for (const m of html.matchAll(/\s(?:aria-label|title|placeholder|alt|data-confirm)="([^"]*)"/g)) {
    attrs.push(decode(m[1]));
  }
  const body = html.replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<section\b[^>]*data-k="documentacion"[^>]*>[\s\S]*?<\/section>/g, ' ')
    .replace(/<(script|style|code|pre|kbd|samp|textarea|title)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/?([a-z0-9]+)\b[^>]*>/gi, (_, tag) => (INLINE.test(tag) ? '' : '\n'))
    .replace(/<!doctype[^>]*>/gi, '');
  return decode(body).split('\n').concat(attrs).map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

// The forbidden words found in the lines of text, as "word (use: ...)" strings; where: the
// page's path or the template's name, for the entries that apply only to some.
function prohibidas(lineas, where = {}) {
  const found = [];
  for (const p of PROHIBIDAS) {
    if (p.paginas && !(where.path && p.paginas.test(where.path)) &&
        !(where.plantilla && p.plantillas && p.plantillas.test(where.plantilla))) continue;
    for (const l of lineas) {
      const resto = (p.permitidas || []).reduce((t, ok) => t.split(ok).join(' '), l);
      for (const m of resto.matchAll(p.re)) found.push(`«${m[0]}» in «${l}» (use: ${p.usar})`);
    }
  }
  return found;
}

// Exclamations and questions without their opening mark in the same sentence (a sentence
// starts after ".", "!" or "?" followed by a space, so "N.º" and URLs do not end one).
function signos(lineas) {
  const found = [];
  for (const l of lineas) {
    for (const [cierra, abre] of [['!', '¡'], ['?', '¿']]) {
      for (let i = l.indexOf(cierra); i >= 0; i = l.indexOf(cierra, i + 1)) {
        const antes = l.slice(0, i);
        const fin = [...antes.matchAll(/[.!?]\s/g)].pop();
        if (!antes.slice(fin ? fin.index + 1 : 0).includes(abre)) {
          found.push(`«${cierra}» without «${abre}» in «${l}»`);
        }
      }
    }
  }
  return found;
}

// Headings (h1-h3) written in capitals: two words or more and no lowercase letter.
function mayusculas(html) {
  const found = [];
  for (const m of html.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>/gi)) {
    const t = texto(m[2]).join(' ');
    const palabras = t.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w));
    if (palabras.length >= 2 && !/\p{Ll}/u.test(t)) found.push(`<h${m[1]}>${t}</h${m[1]}>`);
  }
  return found;
}

module.exports = { PROHIBIDAS, NO, texto, prohibidas, signos, mayusculas };
