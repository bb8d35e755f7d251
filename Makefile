# Portal de Interoperabilidad — build, run, test, bench.
#   make run     install missing packages, build, set up var/, load demo data, serve
#   make test    install missing packages, build, run every test suite
#   make bench   wrk through nginx against the MSPS queue and a static file
#   make fuzz    each fuzz target (tests/fuzz/) for FUZZ_SECONDS seconds

PORT	?= 8443
VAR	?= $(CURDIR)/var
BUILD	:= build

CC	?= cc
CXX	?= c++
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -DPORTAL_ROOT='"$(CURDIR)"' -Icgi
CXXFLAGS ?= -O2 -g
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror -Icgi
include cgi/libs.mk
LDLIBS	:= $(PORTAL_LIBS)

# Debian packages: what the build, `make run` and the tests need.
PKGS	:= build-essential pkg-config libfcgi-dev libctemplate-dev libsqlite3-dev \
	   libjansson-dev libcurl4-openssl-dev libscrypt-dev libsodium-dev libcmocka-dev libgd-dev \
	   libqrencode-dev libpng-dev libssl-dev \
	   nginx-light openssl curl sqlite3 ca-certificates oathtool
# The fuzz targets' compiler; libFuzzer is in libclang-rt-14-dev, which clang only recommends.
FUZZ_PKGS := clang libclang-rt-14-dev
TEST_PKGS := chromium wrk python3-aiosmtpd zbar-tools systemd logrotate procps $(FUZZ_PKGS)

# cgi/core/ and one folder per feature (README, Architecture); main.c and routes.c wire them.
SRCS	:= $(wildcard cgi/*.c cgi/*/*.c)
OBJS	:= $(SRCS:cgi/%.c=$(BUILD)/%.o) $(BUILD)/core/view.o
LIBOBJS	:= $(filter-out $(BUILD)/main.o,$(OBJS))

.PHONY: all deps test-deps run test bench fuzz clean unit e2e browser lint

all: $(BUILD)/portal

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

$(BUILD)/portal: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

# Installs the Debian packages that are missing (as root), or prints the line to run.
deps:
	@PKGS="$(PKGS) $(EXTRA_PKGS)" sh tests/deps.sh

test-deps:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(TEST_PKGS)"
	@command -v npm >/dev/null 2>&1 || PKGS="nodejs npm" sh tests/deps.sh
	@cd tests && { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || \
		npm ci --no-audit --no-fund --loglevel=error; }

run: deps all
	@sh nginx/run.sh "$(VAR)" "$(PORT)"

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
