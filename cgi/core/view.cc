// The only C++ of the portal: an extern "C" bridge to ctemplate. No exception crosses
// into C: every entry point catches and reports failure.
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary_interface.h>
#include <ctemplate/template_emitter.h>

#include <new>
#include <string>
#include <vector>
#include <algorithm>

extern "C" {
#include "core/buf.h"
#include "core/log.h"
#include "core/text.h"
#include "core/tpl_check.h"
}
#include "core/view.h"

#define AS_VIEW(d)	(reinterpret_cast<struct view *>(d))

static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";

// Writes expanded output straight into a struct buf.
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) { buf_put(b_, &c, 1); }
	void Emit(const std::string &s) { buf_put(b_, s.data(), s.size()); }
	void Emit(const char *s) { buf_puts(b_, s); }
	// Most pieces fit in the buffer: copy them here, without buf_put's call and checks,
	// those of up to 16 bytes (most: a page's 480 pieces average 20 bytes) without memcpy's
	// call; the NUL after the text is written once, by view_expand.
	void Emit(const char *s, size_t n) {
		if (b_->cap - b_->len > n) {
			copy(b_->p + b_->len, s, n);
			b_->len += n;
		} else
			buf_put(b_, s, n);
	}
	static inline void
	copy(char *d, const char *s, size_t n)
	{
		uint64_t a, z;
		uint32_t c, y;

		if (n > 16)
			memcpy(d, s, n);
		else if (n >= 8) {	// two words, overlapping when n < 16
			memcpy(&a, s, 8);
			memcpy(&z, s + n - 8, 8);
			memcpy(d, &a, 8);
			memcpy(d + n - 8, &z, 8);
		} else if (n >= 4) {
			memcpy(&c, s, 4);
			memcpy(&y, s + n - 4, 4);
			memcpy(d, &c, 4);
			memcpy(d + n - 4, &y, 4);
		} else if (n > 0) {
			d[0] = s[0];
			d[n / 2] = s[n / 2];
			d[n - 1] = s[n - 1];
		}
	}
private:
	struct buf *b_;
};

// 1 for each byte x-cifras leaves out: all but digits, space and . / : -
struct no_cifras {
	unsigned char c[256];

	constexpr no_cifras() : c()
	{
		for (int i = 0; i < 256; i++)
			c[i] = !((i >= '0' && i <= '9') || i == ' ' || i == '.' || i == '/' || i == ':' ||
			    i == '-');
	}
};

// {{VAR:x-cifras}}: a number, a date or a time the portal wrote itself (digits, spaces and
// . / : -), emitted as it is. ctemplate's HTML escaping, which auto-escape would add, has
// nothing to change in such a value and cost a tenth of the queue page's work; this checks
// each byte instead. It is registered as safe in every context (AddXssSafeModifier: no
// escaping is added after it), so it emits nothing but those bytes: any other value is left
// out, and logged. Never for text a person wrote.
class Cifras : public ctemplate::TemplateModifier {
	static constexpr no_cifras otro = no_cifras();

	void
	Modify(const char *in, size_t n, const ctemplate::PerExpandData *,
	    ctemplate::ExpandEmitter *out, const std::string &) const
	{
		const unsigned char *p = reinterpret_cast<const unsigned char *>(in), *e = p + n;

		while (e - p >= 4 && (otro.c[p[0]] | otro.c[p[1]] | otro.c[p[2]] | otro.c[p[3]]) == 0)
			p += 4;
		while (p < e && otro.c[*p] == 0)
			p++;
		if (p < e) {
			log_err("templates: x-cifras: a value with a byte other than a digit, "
			    "a space or . / : - was left out");
			return;
		}
		out->Emit(in, n);
	}
};
static Cifras cifras;

// Each byte's replacement in HTML (an index in reemplazo), 0: left as it is.
struct escapes {
	unsigned char c[256];

	constexpr escapes() : c()
	{
		c['&'] = 1;
		c['"'] = 2;
		c['\''] = 3;
		c['<'] = 4;
		c['>'] = 5;
		c['\t'] = c['\n'] = c['\v'] = c['\f'] = c['\r'] = 6;
	}
};

static constexpr escapes cambia = escapes();
static const char *const reemplazo[7] = { "", "&amp;", "&quot;", "&#39;", "&lt;", "&gt;", " " };
static const size_t largo[7] = { 0, 5, 6, 5, 4, 4, 1 };

// ctemplate's HTML escaping (:h, and after ValidateUrl in attributes), byte for byte:
// & " ' < > to &amp; &quot; &#39; &lt; &gt;, \t \n \v \f \r to a space, every other byte as
// it is. ctemplate's loop costs about 13 instructions a byte; this one skips the bytes
// left as they are through a table. It takes the place of ctemplate's own object
// (html_escape, whose class has no data: only its virtual table changes), so every
// template and context that escaped HTML escapes it the same way (tests/unit: every byte,
// compared with ctemplate's).
class HtmlRapido : public ctemplate::HtmlEscape {
public:
	void
	Modify(const char *in, size_t n, const ctemplate::PerExpandData *,
	    ctemplate::ExpandEmitter *out, const std::string &) const
	{
		const unsigned char *p = reinterpret_cast<const unsigned char *>(in), *e = p + n,
		    *desde = p;

		for (;;) {
			while (e - p >= 4 && (cambia.c[p[0]] | cambia.c[p[1]] | cambia.c[p[2]] |
			    cambia.c[p[3]]) == 0)
				p += 4;
			while (p < e && cambia.c[*p] == 0)
				p++;
			if (p > desde)
				out->Emit(reinterpret_cast<const char *>(desde),
				    static_cast<size_t>(p - desde));
			if (p == e)
				return;
			out->Emit(reemplazo[cambia.c[*p]], largo[cambia.c[*p]]);
			desde = ++p;
		}
	}
};
static_assert(sizeof(HtmlRapido) == sizeof(ctemplate::HtmlEscape), "only the vtable changes");

// The same escaping for C code that writes markup itself (view.h).
extern "C" char *
view_html_escape(char *o, const char *s)
{
	unsigned k;

	for (; *s != '\0'; s++) {
		if ((k = cambia.c[static_cast<unsigned char>(*s)]) == 0) {
			*o++ = *s;
			continue;
		}
		memcpy(o, reemplazo[k], largo[k]);
		o += largo[k];
	}
	return o;
}

// Logs where the syntax error of path is: the line our scanner finds, or ctemplate's word.
static void
report_error(const std::string &path)
{
	std::string text;
	char chunk[4096], msg[200] = "";
	size_t n;
	int line = 0;
	FILE *f = fopen(path.c_str(), "r");

	if (f != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			text.append(chunk, n);
		fclose(f);
		line = tpl_check(text.c_str(), msg, sizeof(msg));
	}
	if (line > 0)
		log_err("templates: %s:%d: %s", path.c_str(), line, msg);
	else
		log_err("templates: %s: syntax error (see ctemplate's message above)",
		    path.c_str());
}

// Returns whether the file's first line is exactly the AUTOESCAPE pragma.
static bool
has_pragma(const std::string &path)
{
	char line[64] = "";
	FILE *f = fopen(path.c_str(), "r");

	if (f == NULL)
		return false;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, pragma) == 0;
}

// Appends to names the *.tpl in root/sub (sub "" or "feature/"), and for sub "" those of each
// folder in it (templates/<feature>/, one level). Returns false when root/sub cannot be read.
static bool
list_templates(const std::string &root, const std::string &sub, std::vector<std::string> &names)
{
	DIR *d = opendir((root + "/" + sub).c_str());
	struct dirent *de;
	std::vector<std::string> folders;

	if (d == NULL)
		return false;
	while ((de = readdir(d)) != NULL) {
		std::string n(de->d_name);
		if (n.size() > 4 && n.compare(n.size() - 4, 4, ".tpl") == 0)
			names.push_back(sub + n);
		else if (sub.empty() && de->d_type == DT_DIR && n[0] != '.')
			folders.push_back(n + "/");
	}
	closedir(d);
	for (const std::string &f : folders)
		if (!list_templates(root, f, names))
			return false;
	return true;
}

extern "C" int
view_load(const char *dir)
{
	try {
		std::vector<std::string> names;

		if (!list_templates(dir, "", names)) {
			log_err("templates: cannot open %s", dir);
			return -1;
		}
		std::sort(names.begin(), names.end());
		static bool registrado = ctemplate::AddXssSafeModifier("x-cifras", &cifras);
		if (!registrado) {
			log_err("templates: cannot register the modifier x-cifras");
			return -1;
		}
		// ctemplate's html_escape becomes an HtmlRapido (see above), once.
		static bool rapido = (new (&ctemplate::html_escape) HtmlRapido, true);
		(void)rapido;
		ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
		for (const std::string &n : names) {
			if (!has_pragma(std::string(dir) + "/" + n)) {
				log_err("templates: %s/%s:1: first line must be %s", dir,
				    n.c_str(), pragma);
				return -1;
			}
			if (!ctemplate::LoadTemplate(n, ctemplate::STRIP_BLANK_LINES)) {
				report_error(std::string(dir) + "/" + n);
				return -1;
			}
		}
		return 0;
	} catch (...) {
		log_err("templates: exception while loading");
		return -1;
	}
}

extern "C" void
view_reload(void)
{
	try {
		ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(
		    ctemplate::TemplateCache::IMMEDIATE_RELOAD);
	} catch (...) {
		log_err("templates: exception while reloading");
	}
}

// The page's dictionary: ours, not ctemplate::TemplateDictionary. ctemplate expands through
// the TemplateDictionaryInterface; its own dictionary spent, on the queue page, more than the
// expansion itself: a name of the form "page/BODY#1/FILA#7" built with std::string and
// snprintf for every section, each key hashed into a global map, each value in a std::map.
// This one keeps what the interface asks in per-page memory (blocks reused from page to
// page): values and sections in lists, looked up by name, newest first, through the parents
// as ctemplate does (a section's dictionary sees its parents'; an include's sees only its
// own). Names and values that are string literals are kept by pointer; others are copied.
namespace {

// Memory of one root dictionary: bump allocation in blocks, given back to a small pool
// when the page is freed (the next page reuses them without malloc).
struct bloque {
	bloque *sig;
	size_t cap, usado;
	alignas(16) char datos[1];
};
const size_t BLOQUE = 16384;
const int POZO = 8;
bloque *pozo;
int npozo;

struct memoria {
	bloque *b;

	void *
	take(size_t n)
	{
		n = (n + 15) & ~static_cast<size_t>(15);
		if (b == NULL || b->cap - b->usado < n) {
			size_t cap = n > BLOQUE ? n : BLOQUE;
			bloque *nb;

			if (cap == BLOQUE && pozo != NULL) {
				nb = pozo;
				pozo = nb->sig;
				npozo--;
			} else if ((nb = static_cast<bloque *>(malloc(sizeof(bloque) + cap))) ==
			    NULL)
				throw std::bad_alloc();
			nb->cap = cap;
			nb->usado = 0;
			nb->sig = b;
			b = nb;
		}
		void *p = b->datos + b->usado;
		b->usado += n;
		return p;
	}

	// A string: the literal itself, or a copy of the bytes (and a NUL).
	const char *
	texto(const char *s, size_t n)
	{
		if (ctemplate::TemplateString(s, n).is_immutable() && s[n] == '\0')
			return s;
		char *c = static_cast<char *>(take(n + 1));
		memcpy(c, s, n);
		c[n] = '\0';
		return c;
	}

	void
	release()
	{
		while (b != NULL) {
			bloque *sig = b->sig;

			if (b->cap == BLOQUE && npozo < POZO) {
				b->sig = pozo;
				pozo = b;
				npozo++;
			} else
				free(b);
			b = sig;
		}
	}
};

class dicc;

struct valor {
	valor *sig;
	const char *k, *v;
	size_t kn, vn;
};

// A section or include: its name and its dictionaries, in order.
struct lista {
	lista *sig;
	const char *k;
	size_t kn;
	dicc *primero, *ultimo;
	int n;
};

// The first byte compared here: most names of the same length differ in it, and memcmp's
// call cost more than the lookup itself (GetValue, 193 variables a queue page).
inline bool
igual(const char *k, size_t kn, const ctemplate::TemplateString &t)
{
	return kn == t.size() && (kn == 0 || (k[0] == t.data()[0] &&
	    memcmp(k + 1, t.data() + 1, kn - 1) == 0));
}

class dicc : public ctemplate::TemplateDictionaryInterface {
public:
	// The dictionaries of a section or include, in order.
	class iter : public Iterator {
	public:
		explicit iter(dicc *d) : d_(d) {}
		// Made in the page's memory (nuevo), not by malloc: ctemplate deletes each one
		// when its section is done (50 a queue page), and this delete leaves the bytes to
		// the page, which gives them back with the rest.
		static void operator delete(void *) noexcept {}
		static iter *
		nuevo(memoria *m, dicc *d)
		{
			return new (m->take(sizeof(iter))) iter(d);
		}
		bool HasNext() const { return d_ != NULL; }
		const TemplateDictionaryInterface &
		Next()
		{
			dicc *d = d_;

			d_ = d->sig_;
			return *d;
		}
	private:
		dicc *d_;
	};

	dicc(memoria *m, dicc *padre) : m_(m), padre_(padre), sig_(NULL), archivo_(NULL),
	    valores_(NULL), secciones_(NULL), includes_(NULL) {}

	memoria *m_;
	dicc *padre_, *sig_;	// the parent (NULL: a root or an include); the next sibling
	const char *archivo_;	// an include's template
	valor *valores_;
	lista *secciones_, *includes_;

	static dicc *
	nuevo(memoria *m, dicc *padre)
	{
		return new (m->take(sizeof(dicc))) dicc(m, padre);
	}

	void
	set(const char *k, size_t kn, const char *v, size_t vn)
	{
		valor *e = static_cast<valor *>(m_->take(sizeof(valor)));

		e->k = m_->texto(k, kn);
		e->kn = kn;
		e->v = m_->texto(v, vn);
		e->vn = vn;
		e->sig = valores_;
		valores_ = e;
	}

	// The list named k among l (made when missing).
	lista *
	de(lista **l, const char *k)
	{
		size_t kn = strlen(k);
		lista *e;

		for (e = *l; e != NULL; e = e->sig)
			if (e->kn == kn && memcmp(e->k, k, kn) == 0)
				return e;
		e = static_cast<lista *>(m_->take(sizeof(lista)));
		e->k = m_->texto(k, kn);
		e->kn = kn;
		e->primero = e->ultimo = NULL;
		e->n = 0;
		e->sig = *l;
		*l = e;
		return e;
	}

	static dicc *
	agregar(lista *l, dicc *d)
	{
		if (l->ultimo != NULL)
			l->ultimo->sig_ = d;
		else
			l->primero = d;
		l->ultimo = d;
		l->n++;
		return d;
	}

	dicc *
	seccion(const char *k)
	{
		return agregar(de(&secciones_, k), nuevo(m_, this));
	}

	void
	mostrar(const char *k)
	{
		lista *l = de(&secciones_, k);

		if (l->n == 0)
			agregar(l, nuevo(m_, this));
	}

	dicc *
	incluir(const char *k, const char *archivo)
	{
		dicc *d = agregar(de(&includes_, k), nuevo(m_, NULL));

		d->archivo_ = m_->texto(archivo, strlen(archivo));
		return d;
	}

	static lista *
	buscar(lista *l, const ctemplate::TemplateString &t)
	{
		for (; l != NULL; l = l->sig)
			if (igual(l->k, l->kn, t))
				return l;
		return NULL;
	}

	// The section (or include) named t here or in a parent.
	lista *
	seccion_de(const ctemplate::TemplateString &t, bool include) const
	{
		const dicc *d;
		lista *l;

		for (d = this; d != NULL; d = d->padre_)
			if ((l = buscar(include ? d->includes_ : d->secciones_, t)) != NULL)
				return l;
		return NULL;
	}

	ctemplate::TemplateString
	GetValue(const ctemplate::TemplateString &variable) const
	{
		const dicc *d;
		const valor *e;

		for (d = this; d != NULL; d = d->padre_)
			for (e = d->valores_; e != NULL; e = e->sig)
				if (igual(e->k, e->kn, variable))
					return ctemplate::TemplateString(e->v, e->vn);
		// ctemplate's global dictionary: its two built-ins.
		if (igual("BI_SPACE", 8, variable))
			return ctemplate::TemplateString(" ", 1);
		if (igual("BI_NEWLINE", 10, variable))
			return ctemplate::TemplateString("\n", 1);
		return ctemplate::TemplateString("", 0);
	}

	bool
	IsHiddenSection(const ctemplate::TemplateString &name) const
	{
		return seccion_de(name, false) == NULL;
	}

	bool
	IsUnhiddenSection(const ctemplate::TemplateString &name) const
	{
		return seccion_de(name, false) != NULL;
	}

	bool
	IsHiddenTemplate(const ctemplate::TemplateString &name) const
	{
		return seccion_de(name, true) == NULL;
	}

	const char *
	GetIncludeTemplateName(const ctemplate::TemplateString &variable, int dictnum) const
	{
		lista *l = seccion_de(variable, true);
		dicc *d = l != NULL ? l->primero : NULL;

		for (; d != NULL && dictnum > 0; dictnum--)
			d = d->sig_;
		return d != NULL && d->archivo_ != NULL ? d->archivo_ : "";
	}

	Iterator *
	CreateTemplateIterator(const ctemplate::TemplateString &section) const
	{
		lista *l = seccion_de(section, true);

		return iter::nuevo(m_, l != NULL ? l->primero : NULL);
	}

	Iterator *
	CreateSectionIterator(const ctemplate::TemplateString &section) const
	{
		lista *l = seccion_de(section, false);

		return iter::nuevo(m_, l != NULL ? l->primero : NULL);
	}

	void
	DumpToString(std::string *out, int level) const
	{
		const valor *e;
		const lista *l;

		for (e = valores_; e != NULL; e = e->sig)
			out->append(static_cast<size_t>(level), ' ').append(e->k, e->kn).append(": >")
			    .append(e->v, e->vn).append("<\n");
		for (l = secciones_; l != NULL; l = l->sig)
			for (const dicc *d = l->primero; d != NULL; d = d->sig_) {
				out->append(static_cast<size_t>(level), ' ').append("section ")
				    .append(l->k, l->kn).append(" -->\n");
				d->DumpToString(out, level + 2);
			}
		for (l = includes_; l != NULL; l = l->sig)
			for (const dicc *d = l->primero; d != NULL; d = d->sig_) {
				out->append(static_cast<size_t>(level), ' ').append("include ")
				    .append(l->k, l->kn).append(" -->\n");
				d->DumpToString(out, level + 2);
			}
	}
};

}	// namespace

#define AS_DICC(v)	(reinterpret_cast<dicc *>(v))

extern "C" struct view *
view_new(void)
{
	try {
		memoria m = { NULL };
		memoria *raiz = new (m.take(sizeof(memoria))) memoria(m);

		return AS_VIEW(dicc::nuevo(raiz, NULL));
	} catch (...) {
		return NULL;
	}
}

extern "C" void
view_free(struct view *v)
{
	memoria m;

	if (v == NULL)
		return;
	m = *AS_DICC(v)->m_;	// the copy: the original lives in the blocks it gives back
	m.release();
}

extern "C" struct view *
view_include(struct view *v, const char *name, const char *file)
{
	try {
		return AS_VIEW(AS_DICC(v)->incluir(name, file));
	} catch (...) {
		return v;
	}
}

extern "C" struct view *
view_section(struct view *v, const char *name)
{
	try {
		return AS_VIEW(AS_DICC(v)->seccion(name));
	} catch (...) {
		return v;
	}
}

extern "C" void
view_show(struct view *v, const char *section)
{
	try {
		AS_DICC(v)->mostrar(section);
	} catch (...) {
	}
}

extern "C" void
view_set_len(struct view *v, const char *key, size_t keylen, const char *value)
{
	try {
		if (value == NULL)
			value = "";
		AS_DICC(v)->set(key, keylen, value, strlen(value));
	} catch (...) {
	}
}

extern "C" void
view_setf(struct view *v, const char *key, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	try {
		if ((size_t)n < sizeof(small)) {
			AS_DICC(v)->set(key, strlen(key), small, (size_t)n);
			return;
		}
		std::string big((size_t)n + 1, '\0');
		va_start(ap, fmt);
		vsnprintf(&big[0], big.size(), fmt, ap);
		va_end(ap);
		AS_DICC(v)->set(key, strlen(key), big.data(), (size_t)n);
	} catch (...) {
	}
}

extern "C" void
view_setint_len(struct view *v, const char *key, size_t keylen, long long value)
{
	char d[32], *o = digits_back(d + sizeof(d) - 1, value, 0);

	try {
		AS_DICC(v)->set(key, keylen, o, (size_t)(d + sizeof(d) - 1 - o));
	} catch (...) {
	}
}

extern "C" int
view_expand(const char *file, struct view *v, struct buf *out)
{
	try {
		BufEmitter e(out);
		bool ok = ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES,
		    static_cast<const ctemplate::TemplateDictionaryInterface *>(AS_DICC(v)), &e);

		if (out->p != NULL)
			out->p[out->len] = '\0';	// Emit leaves room for it
		return ok ? 0 : -1;
	} catch (...) {
		log_err("templates: exception while expanding %s", file);
		return -1;
	}
}
