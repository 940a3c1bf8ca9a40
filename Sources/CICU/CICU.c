// The only file that includes ICU headers. See include/CICU.h.
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

struct cicu_breaker {
  UBreakIterator *iterator;
  UText text;
  int has_text;
};

cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale,
                                int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  UBreakIteratorType type = kind == CICU_BREAK_SENTENCE ? UBRK_SENTENCE
                                                        : UBRK_WORD;
  UBreakIterator *iterator = ubrk_open(type, locale, NULL, 0, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return NULL;
  }
  cicu_breaker *breaker = calloc(1, sizeof(cicu_breaker));
  if (breaker == NULL) {
    ubrk_close(iterator);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  UText initial = UTEXT_INITIALIZER;
  breaker->text = initial;
  breaker->iterator = iterator;
  *status = error;
  return breaker;
}

void cicu_breaker_close(cicu_breaker *breaker) {
  if (breaker == NULL) return;
  ubrk_close(breaker->iterator);
  if (breaker->has_text) utext_close(&breaker->text);
  free(breaker);
}

void cicu_breaker_set_text(cicu_breaker *breaker, const char *utf8,
                           int64_t length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  static const char empty[1] = {0};
  utext_openUTF8(&breaker->text, utf8 != NULL ? utf8 : empty, length, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return;
  }
  breaker->has_text = 1;
  ubrk_setUText(breaker->iterator, &breaker->text, &error);
  *status = error;
}

int32_t cicu_breaker_next_batch(cicu_breaker *breaker, int64_t *ends,
                                int32_t *statuses, int32_t capacity) {
  int32_t count = 0;
  while (count < capacity) {
    int32_t end = ubrk_next(breaker->iterator);
    if (end == UBRK_DONE) break;
    ends[count] = end;
    statuses[count] = ubrk_getRuleStatus(breaker->iterator);
    count++;
  }
  return count;
}

// A UTF-16 buffer that starts on the stack and moves to the heap if it must.
#define CICU_INLINE 256

typedef struct {
  UChar *data;
  int32_t length;
  int32_t capacity;
  UChar inline_storage[CICU_INLINE];
} buffer;

static void buffer_init(buffer *b) {
  b->data = b->inline_storage;
  b->length = 0;
  b->capacity = CICU_INLINE;
}

static int buffer_reserve(buffer *b, int32_t capacity) {
  if (capacity <= b->capacity) return 1;
  UChar *heap = malloc(sizeof(UChar) * (size_t)capacity);
  if (heap == NULL) return 0;
  if (b->data != b->inline_storage) free(b->data);
  b->data = heap;
  b->capacity = capacity;
  return 1;
}

static void buffer_free(buffer *b) {
  if (b->data != b->inline_storage) free(b->data);
}

// Normalizes `in` into `out`, growing `out` when ICU asks for more room.
static void normalize_into(const UNormalizer2 *normalizer, const buffer *in,
                           buffer *out, UErrorCode *error) {
  out->length = unorm2_normalize(normalizer, in->data, in->length, out->data,
                                 out->capacity, error);
  if (*error == U_BUFFER_OVERFLOW_ERROR) {
    *error = U_ZERO_ERROR;
    if (!buffer_reserve(out, out->length)) {
      *error = U_MEMORY_ALLOCATION_ERROR;
      return;
    }
    out->length = unorm2_normalize(normalizer, in->data, in->length,
                                   out->data, out->capacity, error);
  }
}

int32_t cicu_fold_utf8(const char *in, int32_t length, char *out,
                       int32_t capacity, int32_t flags, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  buffer first, second;
  buffer_init(&first);
  buffer_init(&second);
  buffer *source = &first, *target = &second, *swap;
  int32_t result = -1;

  u_strFromUTF8WithSub(source->data, source->capacity, &source->length, in,
                       length, 0xFFFD, NULL, &error);
  if (error == U_BUFFER_OVERFLOW_ERROR) {
    error = U_ZERO_ERROR;
    if (!buffer_reserve(source, source->length)) {
      error = U_MEMORY_ALLOCATION_ERROR;
      goto done;
    }
    u_strFromUTF8WithSub(source->data, source->capacity, &source->length, in,
                         length, 0xFFFD, NULL, &error);
  }
  if (error == U_STRING_NOT_TERMINATED_WARNING) error = U_ZERO_ERROR;
  if (U_FAILURE(error)) goto done;

  if (flags & CICU_FOLD_CASE) {
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&error);
    if (U_FAILURE(error)) goto done;
    normalize_into(nfkc_cf, source, target, &error);
    if (U_FAILURE(error)) goto done;
    swap = source; source = target; target = swap;
  }
  if (flags & CICU_FOLD_MARKS) {
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&error);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&error);
    if (U_FAILURE(error)) goto done;
    normalize_into(nfd, source, target, &error);
    if (U_FAILURE(error)) goto done;
    swap = source; source = target; target = swap;
    // Drop non-spacing marks in place, then recompose what is left.
    int32_t kept = 0;
    for (int32_t i = 0; i < source->length;) {
      UChar32 c;
      int32_t start = i;
      U16_NEXT(source->data, i, source->length, c);
      if (u_charType(c) == U_NON_SPACING_MARK) continue;
      for (int32_t k = start; k < i; k++) source->data[kept++] = source->data[k];
    }
    source->length = kept;
    normalize_into(nfc, source, target, &error);
    if (U_FAILURE(error)) goto done;
    swap = source; source = target; target = swap;
  }

  int32_t out_length = 0;
  u_strToUTF8WithSub(out, capacity, &out_length, source->data, source->length,
                     0xFFFD, NULL, &error);
  if (error == U_BUFFER_OVERFLOW_ERROR ||
      error == U_STRING_NOT_TERMINATED_WARNING) {
    error = U_ZERO_ERROR;
  }
  result = out_length;

done:
  buffer_free(&first);
  buffer_free(&second);
  *status = error;
  return U_FAILURE(error) ? -1 : result;
}

int64_t cicu_count_words(const char *utf8, int64_t length, const char *locale,
                         int32_t *status) {
  int32_t error = 0;
  cicu_breaker *breaker = cicu_breaker_open(CICU_BREAK_WORD, locale, &error);
  if (breaker == NULL) {
    *status = error;
    return -1;
  }
  cicu_breaker_set_text(breaker, utf8, length, &error);
  if (error > 0) {
    cicu_breaker_close(breaker);
    *status = error;
    return -1;
  }
  int64_t words = 0;
  for (;;) {
    int32_t end = ubrk_next(breaker->iterator);
    if (end == UBRK_DONE) break;
    if (ubrk_getRuleStatus(breaker->iterator) >= UBRK_WORD_NONE_LIMIT) words++;
  }
  cicu_breaker_close(breaker);
  *status = 0;
  return words;
}

const char *cicu_version(void) {
  static char text[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo version;
  u_getVersion(version);
  u_versionToString(version, text);
  return text;
}

const char *cicu_error_name(int32_t status) {
  return u_errorName((UErrorCode)status);
}
