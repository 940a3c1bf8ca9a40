// CICU: a small C shim over the system ICU (Debian libicu-dev).
//
// Swift cannot import ICU's own headers: every ICU function is a versioned
// macro (ubrk_open -> ubrk_open_72) and ICU's types clash with the private
// copy of ICU inside the toolchain's Foundation ("'UErrorCode' has different
// definitions"). This header therefore exposes only plain C types and opaque
// handles. Only CICU.c includes <unicode/...>. See DEVELOPERS.md.
//
// All text crosses this boundary as UTF-8 and all offsets are UTF-8 byte
// offsets. Status values follow ICU: > 0 is an error, <= 0 is success or a
// warning.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An ICU break iterator reading UTF-8 text in place. Opaque.
typedef struct cicu_breaker cicu_breaker;

#define CICU_BREAK_WORD 0
#define CICU_BREAK_SENTENCE 1

#define CICU_FOLD_CASE 1
#define CICU_FOLD_MARKS 2

/// Opens a word or sentence break iterator for a locale ("nl", "en").
/// Returns NULL and sets *status > 0 on failure.
cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale,
                                int32_t *status);

/// Frees the iterator. NULL is allowed.
void cicu_breaker_close(cicu_breaker *breaker);

/// Turns the ASCII fast path of a word iterator on (the default) or off.
/// On, runs of ASCII text are split by the same UAX #29 rules ICU applies,
/// without calling ICU, and any stretch holding another character is read
/// by ICU; the boundaries and statuses are the same either way. Off, ICU
/// reads everything. Call before cicu_breaker_set_text.
void cicu_breaker_set_fast_path(cicu_breaker *breaker, int32_t enabled);

/// Points the iterator at UTF-8 text. The bytes are not copied and must stay
/// alive and unchanged while segments are read.
void cicu_breaker_set_text(cicu_breaker *breaker, const char *utf8,
                           int64_t length, int32_t *status);

/// Reads up to `capacity` further segments. For each, `ends[i]` is the byte
/// offset where it ends (it starts where the previous one ended, the first at
/// 0) and `statuses[i]` is ICU's rule status (word: 0 none, 100-199 number,
/// 200-299 letter, 300-399 kana, 400-499 ideograph). Returns the number
/// written, or 0 at the end of the text or on an error (cicu_breaker_error).
int32_t cicu_breaker_next_batch(cicu_breaker *breaker, int64_t *ends,
                                int32_t *statuses, int32_t capacity);

/// Why the last cicu_breaker_next_batch returned fewer segments than the
/// text holds: an ICU error code above zero if ICU refused a stretch of the
/// text, else 0 (the end of the text was reached).
int32_t cicu_breaker_error(const cicu_breaker *breaker);

/// Folds UTF-8 text: CICU_FOLD_CASE applies NFKC_Casefold, CICU_FOLD_MARKS
/// removes combining marks (NFD, drop Mn, NFC). Writes at most `capacity`
/// bytes to `out` and returns the length the result needs; when that is more
/// than `capacity`, call again with a larger buffer.
int32_t cicu_fold_utf8(const char *in, int32_t length, char *out,
                       int32_t capacity, int32_t flags, int32_t *status);

/// Counts the word segments (rule status >= 100) of UTF-8 text with a fresh
/// word break iterator: the bare ICU pass that benchmarks compare against.
int64_t cicu_count_words(const char *utf8, int64_t length, const char *locale,
                         int32_t *status);

/// ICU's version, e.g. "72.1".
const char *cicu_version(void);

/// ICU's name for a status code, e.g. "U_ILLEGAL_ARGUMENT_ERROR".
const char *cicu_error_name(int32_t status);

#ifdef __cplusplus
}
#endif

#endif
