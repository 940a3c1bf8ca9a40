#ifndef CFAULTGUARD_H
#define CFAULTGUARD_H

#include <stddef.h>
#include <stdint.h>

/// Turns the SIGBUS and SIGSEGV of a memory-mapped index file that another
/// program truncated or overwrote under a running reader into a clear
/// error message and exit status 2.
///
/// A reader registers each mapping with the file descriptor it keeps open.
/// On SIGBUS or SIGSEGV the handler checks, with async-signal-safe calls
/// only, whether a registered file's size or modification time changed
/// since it was mapped, or whether the fault address lies inside a
/// mapping. If so it writes "error: index file … was changed by another
/// program while beleid was reading it …" to standard error and calls
/// _exit(2). Otherwise it hands the signal to the handler installed before
/// it (Swift's backtracer, or the default action), so real bugs still
/// crash visibly.

/// Installs the handlers once; later calls do nothing.
void cfaultguard_install(void);

/// Registers a mapping of `size` bytes at `base` of the file open as `fd`
/// (the guard keeps its own duplicate of `fd`), named `path` in the
/// message. Returns a slot number for `cfaultguard_unregister`, or -1
/// when the table is full (the mapping is then unguarded).
int32_t cfaultguard_register(const void *base, size_t size, int fd, const char *path);

/// Forgets a mapping before it is unmapped.
void cfaultguard_unregister(int32_t slot);

#endif
