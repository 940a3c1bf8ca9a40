// CBitPacking: unpacks the index's blocks of 128 bit-packed integers.
//
// A block of 128 values at width w takes 16·w bytes, value i at bit i·w,
// low bits first (see BitPacking.swift, which writes them). Each width has
// its own fully unrolled loop, with every shift a constant: about three
// instructions a value, where a loop over any width takes about nine.
#ifndef CBITPACKING_H
#define CBITPACKING_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Unpacks 128 values of `width` bits (0 to 32) from the 16·width bytes at
/// `in` into `out`. Reads no byte past the block.
void cbitpacking_unpack(const void *in, int32_t width, uint32_t *out);

/// Unpacks 128 document gaps of `width` bits into documents: each is the
/// one before it (the first: `previous`) plus its gap plus 1. Returns the
/// last document.
int64_t cbitpacking_unpack_documents(const void *in, int32_t width,
                                     int64_t previous, uint32_t *out);

#ifdef __cplusplus
}
#endif

#endif
