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
  // The ASCII fast path of word breaks (see cicu_breaker_next_batch).
  int fast;
  const uint8_t *utf8;
  int64_t length;
  // The last boundary returned; ICU holds [region_start, region_end) when
  // region_end > position.
  int64_t position;
  int64_t region_start;
  int64_t region_end;
  // Why the last batch stopped early (ICU refused a region), or 0.
  UErrorCode error;
};

// UAX #29 word-break classes of the ASCII characters, as ICU 72 assigns
// them: ICU's rules make "@" a letter ("naam@example" is one word) and take
// the colon out of MidLetter ("a:b" is three segments).
enum {
  WB_OTHER, WB_CR, WB_LF, WB_NEWLINE, WB_SPACE, WB_LETTER, WB_NUMERIC,
  WB_MID_NUM_LET, WB_SINGLE_QUOTE, WB_MID_NUM, WB_EXTEND_NUM_LET
};

static const uint8_t ascii_word_class[128] = {
    ['\r'] = WB_CR, ['\n'] = WB_LF, ['\v'] = WB_NEWLINE, ['\f'] = WB_NEWLINE,
    [' '] = WB_SPACE, ['@'] = WB_LETTER,
    ['A'] = WB_LETTER, ['B'] = WB_LETTER, ['C'] = WB_LETTER, ['D'] = WB_LETTER,
    ['E'] = WB_LETTER, ['F'] = WB_LETTER, ['G'] = WB_LETTER, ['H'] = WB_LETTER,
    ['I'] = WB_LETTER, ['J'] = WB_LETTER, ['K'] = WB_LETTER, ['L'] = WB_LETTER,
    ['M'] = WB_LETTER, ['N'] = WB_LETTER, ['O'] = WB_LETTER, ['P'] = WB_LETTER,
    ['Q'] = WB_LETTER, ['R'] = WB_LETTER, ['S'] = WB_LETTER, ['T'] = WB_LETTER,
    ['U'] = WB_LETTER, ['V'] = WB_LETTER, ['W'] = WB_LETTER, ['X'] = WB_LETTER,
    ['Y'] = WB_LETTER, ['Z'] = WB_LETTER,
    ['a'] = WB_LETTER, ['b'] = WB_LETTER, ['c'] = WB_LETTER, ['d'] = WB_LETTER,
    ['e'] = WB_LETTER, ['f'] = WB_LETTER, ['g'] = WB_LETTER, ['h'] = WB_LETTER,
    ['i'] = WB_LETTER, ['j'] = WB_LETTER, ['k'] = WB_LETTER, ['l'] = WB_LETTER,
    ['m'] = WB_LETTER, ['n'] = WB_LETTER, ['o'] = WB_LETTER, ['p'] = WB_LETTER,
    ['q'] = WB_LETTER, ['r'] = WB_LETTER, ['s'] = WB_LETTER, ['t'] = WB_LETTER,
    ['u'] = WB_LETTER, ['v'] = WB_LETTER, ['w'] = WB_LETTER, ['x'] = WB_LETTER,
    ['y'] = WB_LETTER, ['z'] = WB_LETTER,
    ['0'] = WB_NUMERIC, ['1'] = WB_NUMERIC, ['2'] = WB_NUMERIC,
    ['3'] = WB_NUMERIC, ['4'] = WB_NUMERIC, ['5'] = WB_NUMERIC,
    ['6'] = WB_NUMERIC, ['7'] = WB_NUMERIC, ['8'] = WB_NUMERIC,
    ['9'] = WB_NUMERIC,
    ['.'] = WB_MID_NUM_LET, ['\''] = WB_SINGLE_QUOTE, [','] = WB_MID_NUM,
    [';'] = WB_MID_NUM, ['_'] = WB_EXTEND_NUM_LET,
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
  breaker->fast = kind == CICU_BREAK_WORD;
  *status = error;
  return breaker;
}

void cicu_breaker_close(cicu_breaker *breaker) {
  if (breaker == NULL) return;
  ubrk_close(breaker->iterator);
  if (breaker->has_text) utext_close(&breaker->text);
  free(breaker);
}

void cicu_breaker_set_fast_path(cicu_breaker *breaker, int32_t enabled) {
  breaker->fast = enabled != 0;
}

// Points ICU at utf8[0..<length].
static void set_icu_text(cicu_breaker *breaker, const char *utf8,
                         int64_t length, UErrorCode *error) {
  static const char empty[1] = {0};
  utext_openUTF8(&breaker->text, utf8 != NULL ? utf8 : empty, length, error);
  if (U_FAILURE(*error)) return;
  breaker->has_text = 1;
  ubrk_setUText(breaker->iterator, &breaker->text, error);
}

void cicu_breaker_set_text(cicu_breaker *breaker, const char *utf8,
                           int64_t length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  breaker->utf8 = (const uint8_t *)utf8;
  breaker->length = utf8 != NULL ? length : 0;
  breaker->position = 0;
  breaker->region_start = 0;
  breaker->region_end = 0;
  breaker->error = U_ZERO_ERROR;
  // The fast path hands text to ICU a region at a time; without it ICU
  // reads the whole text.
  if (!breaker->fast) set_icu_text(breaker, utf8, length, &error);
  *status = error;
}

static int is_ascii_space(uint8_t byte) {
  return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' ||
         byte == '\v' || byte == '\f';
}

// Where an ICU region that must cover `from` can end: the first ASCII space
// or line break after it that UAX #29 always breaks before, whatever
// precedes it (a line feed not after a carriage return; any of them after an
// ASCII character that is not a space), or the end of the text.
static int64_t region_end_after(const uint8_t *text, int64_t length,
                                int64_t from) {
  for (int64_t i = from + 1; i < length; i++) {
    uint8_t byte = text[i];
    if (!is_ascii_space(byte)) continue;
    uint8_t before = text[i - 1];
    if (byte == '\n' && before != '\r') return i;
    if (before < 0x80 && !is_ascii_space(before)) return i;
  }
  return length;
}

// The end of the segment that starts at `start`, by UAX #29 over ASCII, and
// its rule status as ICU gives it; or -1 when the answer depends on a
// character that is not ASCII, which ICU must then decide.
//
// Word rules (WB5-WB13b) over letters, digits and the underscore: a segment
// takes the status of the last rule it matched, as ICU's chained rules do
// (a letter 200, a digit 100, an underscore 100 after a digit and 200
// otherwise: "D66" 100, "12ab" 200, "a1_" 100, a lone "_" 0).
static int64_t ascii_segment(const uint8_t *text, int64_t length,
                             int64_t start, int32_t *status) {
  uint8_t byte = text[start];
  if (byte >= 0x80) return -1;
  int cls = ascii_word_class[byte];
  int64_t end = start + 1;
  *status = 0;
  switch (cls) {
  case WB_CR:
    // WB3: CR LF stays together; WB3a: always break after a line break.
    return end < length && text[end] == '\n' ? end + 1 : end;
  case WB_LF:
  case WB_NEWLINE:
    return end;
  case WB_SPACE:
    // WB3d: horizontal spaces stay together.
    while (end < length && text[end] == ' ') end++;
    break;
  case WB_LETTER:
  case WB_NUMERIC:
  case WB_EXTEND_NUM_LET: {
    *status = cls == WB_LETTER ? 200 : cls == WB_NUMERIC ? 100 : 0;
    int last = cls;
    while (end < length) {
      uint8_t next = text[end];
      if (next >= 0x80) return -1;
      int next_cls = ascii_word_class[next];
      if (next_cls == WB_LETTER) {
        *status = 200;  // WB5, WB9, WB13b
      } else if (next_cls == WB_NUMERIC) {
        *status = 100;  // WB8, WB10, WB13b
      } else if (next_cls == WB_EXTEND_NUM_LET) {
        *status = last == WB_NUMERIC ? 100 : 200;  // WB13a
      } else if (next_cls == WB_MID_NUM_LET || next_cls == WB_SINGLE_QUOTE ||
                 next_cls == WB_MID_NUM) {
        // WB6/WB7 (letter . letter) and WB11/WB12 (digit , digit).
        if (end + 1 >= length) break;
        uint8_t after = text[end + 1];
        if (after >= 0x80) return -1;
        int after_cls = ascii_word_class[after];
        int letters = last == WB_LETTER && after_cls == WB_LETTER &&
                      next_cls != WB_MID_NUM;
        int digits = last == WB_NUMERIC && after_cls == WB_NUMERIC;
        if (!letters && !digits) break;
        *status = letters ? 200 : 100;
        end += 2;
        continue;
      } else {
        break;
      }
      last = next_cls;
      end++;
    }
    break;
  }
  default:
    break;
  }
  // WB4: an extending mark after the segment would join it.
  if (end < length && text[end] >= 0x80) return -1;
  return end;
}

int32_t cicu_breaker_next_batch(cicu_breaker *breaker, int64_t *ends,
                                int32_t *statuses, int32_t capacity) {
  int32_t count = 0;
  if (!breaker->fast) {
    while (count < capacity) {
      int32_t end = ubrk_next(breaker->iterator);
      if (end == UBRK_DONE) break;
      ends[count] = end;
      statuses[count] = ubrk_getRuleStatus(breaker->iterator);
      count++;
    }
    return count;
  }
  // The fast path. ASCII text is split here by the rules ICU applies
  // (ascii_segment); a stretch that holds any other character goes to ICU
  // whole, from the start of the segment that met it to a boundary no
  // character before can move (region_end_after). Either way the
  // boundaries and statuses are ICU's own; the tests compare them.
  const uint8_t *text = breaker->utf8;
  int64_t length = breaker->length;
  while (count < capacity) {
    int64_t position = breaker->position;
    if (position < breaker->region_end) {
      int32_t end = ubrk_next(breaker->iterator);
      if (end == UBRK_DONE) {
        breaker->position = breaker->region_end;
        continue;
      }
      ends[count] = breaker->region_start + end;
      statuses[count] = ubrk_getRuleStatus(breaker->iterator);
      breaker->position = ends[count];
      count++;
      continue;
    }
    if (position >= length) break;
    int32_t status = 0;
    int64_t end = ascii_segment(text, length, position, &status);
    if (end >= 0) {
      ends[count] = end;
      statuses[count] = status;
      breaker->position = end;
      count++;
      continue;
    }
    // Find the first byte that is not ASCII from here and hand ICU the
    // region around it.
    int64_t other = position;
    while (other < length && text[other] < 0x80) other++;
    int64_t region_end = region_end_after(text, length, other);
    UErrorCode error = U_ZERO_ERROR;
    set_icu_text(breaker, (const char *)text + position, region_end - position,
                 &error);
    if (U_FAILURE(error)) {
      breaker->error = error;
      break;
    }
    breaker->region_start = position;
    breaker->region_end = region_end;
  }
  return count;
}

int32_t cicu_breaker_error(const cicu_breaker *breaker) {
  return breaker->error;
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
  cicu_breaker_set_fast_path(breaker, 0);
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
