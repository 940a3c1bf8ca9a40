// zstd (Debian package libzstd-dev): compression of stored fields.
#include <zstd.h>
