#define _GNU_SOURCE
#include "CFaultGuard.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SLOTS 4096
#define PATH_BYTES 512

typedef struct {
  _Atomic int used;  // 0 free, 1 being written, 2 live
  const char *base;
  size_t size;
  int fd;
  off_t file_size;
  struct timespec modified;
  char path[PATH_BYTES];
} slot_t;

static slot_t slots[SLOTS];
static struct sigaction previous_bus, previous_segv;
static atomic_flag installed = ATOMIC_FLAG_INIT;

static void say(const char *text) {
  size_t length = strlen(text);
  while (length > 0) {
    ssize_t written = write(STDERR_FILENO, text, length);
    if (written <= 0) return;
    text += written;
    length -= (size_t)written;
  }
}

/// Whether slot `i`'s file changed since it was mapped, or holds `address`.
static int implicated(int i, const void *address) {
  slot_t *slot = &slots[i];
  if (atomic_load(&slot->used) != 2) return 0;
  const char *fault = (const char *)address;
  if (fault >= slot->base && fault < slot->base + slot->size) return 1;
  struct stat now;
  if (fstat(slot->fd, &now) != 0) return 1;
  return now.st_size != slot->file_size || now.st_mtim.tv_sec != slot->modified.tv_sec ||
         now.st_mtim.tv_nsec != slot->modified.tv_nsec;
}

static void handle(int signal_number, siginfo_t *info, void *context) {
  for (int i = 0; i < SLOTS; i++) {
    if (implicated(i, info ? info->si_addr : NULL)) {
      say("error: index file ");
      say(slots[i].path);
      say(" was changed by another program while beleid was reading it (truncated or overwritten); "
          "nothing was written. Run the command again; if it fails again, rebuild with: "
          "beleid index --rebuild PATH...\n");
      _exit(2);
    }
  }
  // Not ours: hand it on to whoever handled it before.
  struct sigaction *before = signal_number == SIGBUS ? &previous_bus : &previous_segv;
  if (before->sa_flags & SA_SIGINFO) {
    if (before->sa_sigaction) {
      before->sa_sigaction(signal_number, info, context);
      return;
    }
  } else if (before->sa_handler != SIG_DFL && before->sa_handler != SIG_IGN) {
    before->sa_handler(signal_number);
    return;
  }
  // The default action: restore it; returning re-runs the faulting access.
  signal(signal_number, SIG_DFL);
}

void cfaultguard_install(void) {
  if (atomic_flag_test_and_set(&installed)) return;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = handle;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGBUS, &action, &previous_bus);
  sigaction(SIGSEGV, &action, &previous_segv);
}

int32_t cfaultguard_register(const void *base, size_t size, int fd, const char *path) {
  struct stat info;
  if (fstat(fd, &info) != 0) return -1;
  for (int32_t i = 0; i < SLOTS; i++) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&slots[i].used, &expected, 1)) continue;
    int copy = dup(fd);
    if (copy < 0) {
      atomic_store(&slots[i].used, 0);
      return -1;
    }
    slots[i].base = (const char *)base;
    slots[i].size = size;
    slots[i].fd = copy;
    slots[i].file_size = info.st_size;
    slots[i].modified = info.st_mtim;
    strncpy(slots[i].path, path, PATH_BYTES - 1);
    slots[i].path[PATH_BYTES - 1] = 0;
    atomic_store(&slots[i].used, 2);
    return i;
  }
  return -1;
}

void cfaultguard_unregister(int32_t slot) {
  if (slot < 0 || slot >= SLOTS) return;
  int expected = 2;
  if (!atomic_compare_exchange_strong(&slots[slot].used, &expected, 1)) return;
  close(slots[slot].fd);
  atomic_store(&slots[slot].used, 0);
}
