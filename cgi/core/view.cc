// The only C++ of the portal: an extern "C" bridge to ctemplate. No exception crosses
// into C: every entry point catches and reports failure.
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include <string>
#include <vector>
#include <algorithm>

extern "C" {
#include "core/buf.h"
#include "core/log.h"
#include "core/tpl_check.h"
}
#include "core/view.h"

using ctemplate::TemplateDictionary;

#define AS_DICT(v)	(reinterpret_cast<TemplateDictionary *>(v))
#define AS_VIEW(d)	(reinterpret_cast<struct view *>(d))

static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";

// Writes expanded output straight into a struct buf.
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) { buf_put(b_, &c, 1); }
	void Emit(const std::string &s) { buf_put(b_, s.data(), s.size()); }
	void Emit(const char *s) { buf_puts(b_, s); }
	// Most pieces fit in the buffer: copy them here, without buf_put's call and checks.
	void Emit(const char *s, size_t n) {
		if (b_->cap - b_->len > n) {
			memcpy(b_->p + b_->len, s, n);
			b_->len += n;
			b_->p[b_->len] = '\0';
		} else
			buf_put(b_, s, n);
	}
private:
	struct buf *b_;
};

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

// Names (keys, sections, includes) with their ctemplate id computed once. A TemplateString
// made from a plain char * has no id: each SetValue, AddSectionDictionary or ShowSection
// hashed the name again and looked it up in ctemplate's global id-to-name map (about half
// the cost of building a page's dictionary). The callers' names are string literals, so the
// table is keyed by the pointer; the stored copy's bytes confirm it (a name built at run
// time may reuse an address with other bytes: then it goes the plain way). The table only
// fills: an entry is never replaced, so its copy (which ctemplate's map keeps) stays valid.
namespace {
struct nombre {
	const char *clave;	// the caller's pointer
	size_t n;
	ctemplate::StaticTemplateString sts;	// a copy of the bytes, and their id
};
enum { NOMBRES = 2048, SONDEOS = 8 };
nombre nombres[NOMBRES];
}

static ctemplate::TemplateString
nombre_de(const char *k)
{
	size_t n = strlen(k), h = (reinterpret_cast<uintptr_t>(k) >> 3) * 0x9E3779B97F4A7C15ull >> 40;
	nombre *e;
	int i;

	for (i = 0; i < SONDEOS; i++) {
		e = &nombres[(h + i) % NOMBRES];
		if (e->clave == k && e->n == n &&
		    memcmp(e->sts.do_not_use_directly_.ptr_, k, n) == 0)
			return ctemplate::TemplateString(e->sts);
		if (e->clave == NULL) {
			char *copia = static_cast<char *>(malloc(n + 1));

			if (copia == NULL)
				break;
			memcpy(copia, k, n + 1);
			e->sts.do_not_use_directly_.ptr_ = copia;
			e->sts.do_not_use_directly_.length_ = n;
			e->sts.do_not_use_directly_.id_ = 0;
			// Computes the id and enters the copy in ctemplate's id-to-name map.
			ctemplate::StaticTemplateStringInitializer init(&e->sts);
			e->clave = k;
			e->n = n;
			return ctemplate::TemplateString(e->sts);
		}
	}
	return ctemplate::TemplateString(k, n);
}

extern "C" struct view *
view_new(void)
{
	try {
		return AS_VIEW(new TemplateDictionary("page"));
	} catch (...) {
		return NULL;
	}
}

extern "C" void
view_free(struct view *v)
{
	delete AS_DICT(v);
}

extern "C" struct view *
view_include(struct view *v, const char *name, const char *file)
{
	try {
		TemplateDictionary *d = AS_DICT(v)->AddIncludeDictionary(nombre_de(name));
		d->SetFilename(file);
		return AS_VIEW(d);
	} catch (...) {
		return v;
	}
}

extern "C" struct view *
view_section(struct view *v, const char *name)
{
	try {
		return AS_VIEW(AS_DICT(v)->AddSectionDictionary(nombre_de(name)));
	} catch (...) {
		return v;
	}
}

extern "C" void
view_show(struct view *v, const char *section)
{
	try {
		AS_DICT(v)->ShowSection(nombre_de(section));
	} catch (...) {
	}
}

extern "C" void
view_set(struct view *v, const char *key, const char *value)
{
	try {
		AS_DICT(v)->SetValue(nombre_de(key), value ? value : "");
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
	if ((size_t)n < sizeof(small)) {
		view_set(v, key, small);
		return;
	}
	try {
		std::string big((size_t)n + 1, '\0');
		va_start(ap, fmt);
		vsnprintf(&big[0], big.size(), fmt, ap);
		va_end(ap);
		big.resize((size_t)n);
		AS_DICT(v)->SetValue(nombre_de(key), big);
	} catch (...) {
	}
}

extern "C" void
view_setint(struct view *v, const char *key, long long value)
{
	char d[24], *o = d + sizeof(d);
	unsigned long long u = value < 0 ? -(unsigned long long)value : (unsigned long long)value;

	do
		*--o = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (value < 0)
		*--o = '-';
	try {
		AS_DICT(v)->SetValue(nombre_de(key), ctemplate::TemplateString(o,
		    (size_t)(d + sizeof(d) - o)));
	} catch (...) {
	}
}

extern "C" int
view_expand(const char *file, struct view *v, struct buf *out)
{
	try {
		BufEmitter e(out);
		return ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES,
		    AS_DICT(v), &e) ? 0 : -1;
	} catch (...) {
		log_err("templates: exception while expanding %s", file);
		return -1;
	}
}
