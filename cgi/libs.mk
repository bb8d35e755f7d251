# The libraries portal links with: one list for the Makefile and tests/unit/unit.mk.
# libqrencode and libpng draw the QR codes (cgi/core/qr.c: TOTP enrollment, IHCE activation
# mail); libgd the registration challenge's image; libcrypto (OpenSSL) gives HMAC-SHA-1.
PORTAL_LIBS := -lfcgi -lctemplate_nothreads -lsqlite3 -ljansson -lscrypt -lsodium -lcurl -lgd \
	-lqrencode -lpng -lcrypto -lstdc++
