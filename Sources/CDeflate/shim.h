// zlib (Debian package zlib1g-dev): deflate for stored fields, crc32 for
// file checksums.
#include <zlib.h>
