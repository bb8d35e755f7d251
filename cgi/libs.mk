# The libraries portal links with: one list for the Makefile and tests/unit/unit.mk.
PORTAL_LIBS := -lfcgi -lctemplate_nothreads -lsqlite3 -ljansson -lscrypt -lsodium -lcurl -lgd \
	-lqrencode -lpng -lstdc++
