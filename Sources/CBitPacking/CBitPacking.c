// See include/CBitPacking.h.
#include "CBitPacking.h"

#include <string.h>

// An unaligned little-endian 32-bit load (the index is little-endian, and
// so are the machines we build for).
static inline uint32_t load32(const uint8_t *p) {
  uint32_t value;
  memcpy(&value, p, sizeof value);
  return value;
}

// 32 values of width W take exactly W 32-bit words, so a block is four
// such groups. With W a constant, every word index and shift below is
// one too once the loop is unrolled.
#define UNPACK_GROUP(W, SUM)                                                  \
  do {                                                                        \
    const uint64_t mask = (W) == 32 ? 0xFFFFFFFFull : ((1ull << (W)) - 1);    \
    _Pragma("clang loop unroll(full)") for (int i = 0; i < 32; i++) {         \
      const int bit = i * (W);                                                \
      const int word = bit >> 5;                                              \
      const int shift = bit & 31;                                             \
      uint64_t value = (uint64_t)load32(group + 4 * word) >> shift;           \
      if (shift + (W) > 32)                                                   \
        value |= (uint64_t)load32(group + 4 * (word + 1)) << (32 - shift);    \
      value &= mask;                                                          \
      if (SUM) {                                                              \
        running += (int64_t)value + 1;                                        \
        out[i] = (uint32_t)running;                                           \
      } else {                                                                \
        out[i] = (uint32_t)value;                                             \
      }                                                                       \
    }                                                                         \
  } while (0)

#define DEFINE_WIDTH(W)                                                       \
  static int64_t unpack_##W(const uint8_t *in, uint32_t *out, int sum,        \
                            int64_t running) {                                \
    for (int g = 0; g < 4; g++, out += 32) {                                  \
      const uint8_t *group = in + g * 4 * (W);                                \
      if (sum)                                                                \
        UNPACK_GROUP(W, 1);                                                   \
      else                                                                    \
        UNPACK_GROUP(W, 0);                                                   \
    }                                                                         \
    return running;                                                           \
  }

DEFINE_WIDTH(1) DEFINE_WIDTH(2) DEFINE_WIDTH(3) DEFINE_WIDTH(4)
DEFINE_WIDTH(5) DEFINE_WIDTH(6) DEFINE_WIDTH(7) DEFINE_WIDTH(8)
DEFINE_WIDTH(9) DEFINE_WIDTH(10) DEFINE_WIDTH(11) DEFINE_WIDTH(12)
DEFINE_WIDTH(13) DEFINE_WIDTH(14) DEFINE_WIDTH(15) DEFINE_WIDTH(16)
DEFINE_WIDTH(17) DEFINE_WIDTH(18) DEFINE_WIDTH(19) DEFINE_WIDTH(20)
DEFINE_WIDTH(21) DEFINE_WIDTH(22) DEFINE_WIDTH(23) DEFINE_WIDTH(24)
DEFINE_WIDTH(25) DEFINE_WIDTH(26) DEFINE_WIDTH(27) DEFINE_WIDTH(28)
DEFINE_WIDTH(29) DEFINE_WIDTH(30) DEFINE_WIDTH(31) DEFINE_WIDTH(32)

typedef int64_t (*unpacker)(const uint8_t *, uint32_t *, int, int64_t);

static const unpacker unpackers[33] = {
    NULL,       unpack_1,  unpack_2,  unpack_3,  unpack_4,  unpack_5,
    unpack_6,   unpack_7,  unpack_8,  unpack_9,  unpack_10, unpack_11,
    unpack_12,  unpack_13, unpack_14, unpack_15, unpack_16, unpack_17,
    unpack_18,  unpack_19, unpack_20, unpack_21, unpack_22, unpack_23,
    unpack_24,  unpack_25, unpack_26, unpack_27, unpack_28, unpack_29,
    unpack_30,  unpack_31, unpack_32,
};

void cbitpacking_unpack(const void *in, int32_t width, uint32_t *out) {
  if (width <= 0 || width > 32) {
    memset(out, 0, 128 * sizeof *out);
    return;
  }
  unpackers[width]((const uint8_t *)in, out, 0, 0);
}

int64_t cbitpacking_unpack_documents(const void *in, int32_t width,
                                     int64_t previous, uint32_t *out) {
  if (width <= 0 || width > 32) {
    for (int i = 0; i < 128; i++) out[i] = (uint32_t)(previous += 1);
    return previous;
  }
  return unpackers[width]((const uint8_t *)in, out, 1, previous);
}
