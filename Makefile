# Portal de Interoperabilidad — build, run, test, bench.
#   make all     build/portal (the production program) and build/portal-demo (demo and
#                bench data: cgi/tools/)
#   make run     install missing packages, build, set up var/, load demo data, serve
#                (DB=postgresql: on a private PostgreSQL cluster in var/pg; issue 14)
#   make test    install missing packages, build, run every test suite
#   make bench   wrk through nginx against the MSPS queue and a static file, MIPRES, AP;
#                on SQLite, then on PostgreSQL (tests/bench.sh)
#   make fuzz    each fuzz target (tests/fuzz/) for FUZZ_SECONDS seconds

PORT	?= 8443
VAR	?= $(CURDIR)/var
# sqlite, or postgresql: the private cluster under VAR/pg (db/pg/cluster.sh; issue 14).
DB	?= sqlite
BUILD	:= build

CC	?= cc
CXX	?= c++
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -DPORTAL_ROOT='"$(CURDIR)"' -Icgi
CXXFLAGS ?= -O2 -g
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror -Icgi
include cgi/libs.mk
LDLIBS	:= $(PORTAL_LIBS)
CFLAGS	+= $(PORTAL_CFLAGS)

# Debian packages: what the build, `make run` and the tests need.
PKGS	:= build-essential pkg-config libfcgi-dev libctemplate-dev libsqlite3-dev libpq-dev \
	   libjansson-dev libcurl4-openssl-dev libscrypt-dev libsodium-dev libcmocka-dev libgd-dev \
	   libqrencode-dev libpng-dev libssl-dev \
	   nginx-light openssl curl sqlite3 ca-certificates oathtool
# The fuzz targets' compiler; libFuzzer is in libclang-rt-14-dev, which clang only recommends.
FUZZ_PKGS := clang libclang-rt-14-dev
# postgresql: tests/pg/run.sh starts a private cluster (as does `make run DB=postgresql`).
TEST_PKGS := chromium wrk python3-aiosmtpd zbar-tools systemd logrotate procps postgresql \
	     $(FUZZ_PKGS)
EXTRA_PKGS += $(if $(filter postgresql,$(DB)),postgresql)

# cgi/core/ and one folder per feature (README, Architecture); main.c and routes.c wire them.
# cgi/tools/ (demo and bench loads, with its own main.c) builds into portal-demo only.
SRCS	:= $(wildcard cgi/*.c cgi/*/*.c)
OBJS	:= $(SRCS:cgi/%.c=$(BUILD)/%.o) $(BUILD)/core/view.o
TOOLOBJS := $(filter $(BUILD)/tools/%,$(OBJS))
LIBOBJS	:= $(filter-out $(BUILD)/main.o $(TOOLOBJS),$(OBJS))

.PHONY: all deps test-deps run test bench fuzz clean unit e2e browser lint

all: $(BUILD)/portal $(BUILD)/portal-demo

$(BUILD):
	mkdir -p $(BUILD)

# -MMD -MP: each object lists the headers it read (build/*.d), so a header change rebuilds
# only the units that include it. An object without its .d (a build/ from before) is rebuilt.
$(BUILD)/%.o: cgi/%.c $(BUILD)/%.d | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/core/view.o: cgi/core/view.cc $(BUILD)/core/view.d | $(BUILD)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

$(OBJS:.o=.d):
-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d)

$(BUILD)/portal: $(LIBOBJS) $(BUILD)/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/portal-demo: $(LIBOBJS) $(TOOLOBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# Installs the Debian packages that are missing (as root), or prints the line to run.
deps:
	@PKGS="$(PKGS) $(EXTRA_PKGS)" sh tests/deps.sh

test-deps:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(TEST_PKGS)"
	@command -v npm >/dev/null 2>&1 || PKGS="nodejs npm" sh tests/deps.sh
	@cd tests && { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || \
		npm ci --no-audit --no-fund --loglevel=error; }

# DB=postgresql serves on the private cluster in VAR/pg (db/pg/cluster.sh), which run.sh
# starts, migrates and stops with the portal (issue 14).
run: deps all
	@sh nginx/run.sh "$(VAR)" "$(PORT)" "$(DB)"

test: test-deps all
	@sh tests/run.sh

bench: test-deps all $(BUILD)/piso
	@sh tests/bench.sh

# The bench's FastCGI floor: a minimal libfcgi responder (tests/bench/piso.c).
$(BUILD)/piso: tests/bench/piso.c | $(BUILD)
	$(CC) $(CFLAGS) -o $@ $< -lfcgi

# Fuzz targets, their rules in tests/fuzz/fuzz.mk; `make test` runs a short smoke of each.
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(FUZZ_PKGS)"
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk run FUZZ_SECONDS=$(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD)
