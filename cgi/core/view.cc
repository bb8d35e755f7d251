// The only C++ of the portal: an extern "C" bridge to ctemplate. No exception crosses
// into C: every entry point catches and reports failure.
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
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
	void Emit(const char *s, size_t n) { buf_put(b_, s, n); }
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
		TemplateDictionary *d = AS_DICT(v)->AddIncludeDictionary(name);
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
		return AS_VIEW(AS_DICT(v)->AddSectionDictionary(name));
	} catch (...) {
		return v;
	}
}

extern "C" void
view_show(struct view *v, const char *section)
{
	try {
		AS_DICT(v)->ShowSection(section);
	} catch (...) {
	}
}

extern "C" void
view_set(struct view *v, const char *key, const char *value)
{
	try {
		AS_DICT(v)->SetValue(key, value ? value : "");
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
		AS_DICT(v)->SetValue(key, big);
	} catch (...) {
	}
}

extern "C" void
view_setint(struct view *v, const char *key, long long value)
{
	view_setf(v, key, "%lld", value);
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
