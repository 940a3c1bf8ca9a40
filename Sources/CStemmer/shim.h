// Snowball's libstemmer (Debian package libstemmer-dev). It ships no
// pkg-config file, so the module map links it by name.
#include <libstemmer.h>
