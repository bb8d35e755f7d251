# Unit tests: cgi/ (all but main.c and the demo program, cgi/tools/) built with ASan and
# UBSan into build/unit/, one cmocka program per tests/unit/<folder>/test_*.c, each run even
# when another fails.
#   make -s -f tests/unit/unit.mk     (from the repository root; tests/run.sh does this)
# Exits non-zero when any program fails or dies; cmocka's own lines say how many tests.

B	:= build/unit
SAN	:= -fsanitize=address,undefined -fno-omit-frame-pointer -g -O1
# -MMD -MP: each object lists the headers it read, so a re-run rebuilds only what changed.
# -Wno-format-truncation: UBSan's nonnull-attribute check adds a path on which GCC 12 sees
# vsnprintf(NULL, 0, fmt, ...) (buf.c, arena.c) with a null format, a false "null format
# string"; the main build, without UBSan, keeps the warning.
CFLAGS	:= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -DPORTAL_ROOT='"$(CURDIR)"' \
	   -Wno-format-truncation $(SAN) -MMD -MP
CXXFLAGS := -std=c++17 -Wall -Wextra -Werror $(SAN) -MMD -MP
include cgi/libs.mk
LDLIBS	:= -lcmocka $(PORTAL_LIBS)
CFLAGS	+= $(PORTAL_CFLAGS)

# LeakSanitizer is on: it needs ptrace, which some containers deny; this machine allows it.
export ASAN_OPTIONS := detect_leaks=1
export UBSAN_OPTIONS := halt_on_error=1:print_stacktrace=1

LIBOBJS	:= $(patsubst cgi/%.c,$(B)/cgi/%.o,$(filter-out cgi/main.c cgi/tools/%,$(wildcard cgi/*.c cgi/*/*.c))) \
	   $(B)/cgi/core/view.o
SUPPORT	:= $(B)/support.o
TESTS	:= $(patsubst tests/unit/%.c,$(B)/%,$(wildcard tests/unit/*/test_*.c))

.PHONY: check
.DEFAULT_GOAL := check

# Runs every program; remembers a failure instead of stopping at it.
check: $(TESTS)
	@rc=0; for t in $(TESTS); do \
		$$t || { echo "$$t: exit status $$?"; rc=1; }; \
	done; exit $$rc

$(B)/cgi $(B):
	@mkdir -p $@

$(B)/cgi/%.o: cgi/%.c tests/unit/unit.mk | $(B)/cgi
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Icgi -c $< -o $@

$(B)/cgi/core/view.o: cgi/core/view.cc tests/unit/unit.mk | $(B)/cgi
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -Icgi -c $< -o $@

$(B)/%.o: tests/unit/%.c tests/unit/unit.mk | $(B)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Icgi -Itests/unit -c $< -o $@

$(TESTS): $(B)/%: $(B)/%.o $(SUPPORT) $(LIBOBJS)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS) $(WRAP)

# test_passwd counts the scrypt checks a login costs, without timing anything.
$(B)/core/test_passwd: WRAP = -Wl,--wrap=libscrypt_check

# Keep the test objects: without this make deletes them as intermediates and rebuilds.
.SECONDARY:

-include $(wildcard $(B)/*.d $(B)/*/*.d $(B)/cgi/*.d $(B)/cgi/*/*.d)
