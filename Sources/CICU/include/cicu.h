#ifndef CICU_H
#define CICU_H
// Version-free, type-free wrappers around the ICU C API.
//
// Two problems shape this header:
// 1. ICU renames every exported symbol by version (unicode/urename.h turns
//    ubrk_open into ubrk_open_72), so Swift cannot call ICU by its documented
//    names. Each `cicu_` function here has a stable name.
// 2. Foundation on Linux ships its own copy of ICU (module _FoundationICU)
//    whose headers define the same C types (UErrorCode, UProperty, …) with
//    different members. A Swift module that sees both fails to compile
//    ("'UErrorCode' has different definitions in different modules"). So
//    this header includes no ICU header at all: statuses are int32_t, text
//    is uint16_t, handles are opaque pointers, and cicu.c, compiled alone,
//    does the ICU calls.
// No ICU type, and none of these, appears in a public Swift API.
#include <stdint.h>

/// An ICU UErrorCode; 0 is success, > 0 a failure, < 0 a warning.
typedef int32_t cicu_status;
/// A UTF-16 code unit (ICU UChar).
typedef uint16_t cicu_uchar;

#define CICU_ZERO_ERROR 0
#define CICU_BUFFER_OVERFLOW_ERROR 15
#define CICU_TRUNCATED_CHAR_FOUND 11

typedef struct cicu_break_iterator cicu_break_iterator;
typedef struct cicu_text cicu_text;
typedef struct cicu_normalizer cicu_normalizer;
typedef struct cicu_transliterator cicu_transliterator;
typedef struct cicu_converter cicu_converter;
typedef struct cicu_charset_detector cicu_charset_detector;

// MARK: - Errors and version

/// The symbolic name of a status ("U_BUFFER_OVERFLOW_ERROR").
const char *cicu_u_errorName(cicu_status code);
/// 1 if a status is a failure (U_FAILURE), else 0.
int cicu_failure(cicu_status code);
/// The running ICU library's version as "72.1" (buffer of at least 20 bytes).
void cicu_getVersion(char *buffer);

// MARK: - Break iteration (ubrk)

/// Opens a word break iterator for a locale, with no text yet.
cicu_break_iterator *cicu_ubrk_openWord(const char *locale, cicu_status *status);
/// Clones an iterator; opening one is expensive, cloning cheap (Lucene keeps prototypes).
cicu_break_iterator *cicu_ubrk_clone(const cicu_break_iterator *iterator, cicu_status *status);
void cicu_ubrk_close(cicu_break_iterator *iterator);
void cicu_ubrk_setUText(cicu_break_iterator *iterator, cicu_text *text, cicu_status *status);
void cicu_ubrk_setText(cicu_break_iterator *iterator, const cicu_uchar *text, int32_t length, cicu_status *status);
int32_t cicu_ubrk_first(cicu_break_iterator *iterator);
int32_t cicu_ubrk_next(cicu_break_iterator *iterator);
int32_t cicu_ubrk_current(const cicu_break_iterator *iterator);
/// The rule status of the boundary just returned (UBRK_WORD_NONE, _NUMBER, _LETTER, _KANA, _IDEO ranges).
int32_t cicu_ubrk_getRuleStatus(cicu_break_iterator *iterator);
/// ubrk_next's end marker (UBRK_DONE).
int32_t cicu_ubrk_done(void);

// MARK: - UText over UTF-8

/// Opens (or reuses `text`) a UText over UTF-8 bytes; iterator indexes are byte offsets.
cicu_text *cicu_utext_openUTF8(cicu_text *text, const char *bytes, int64_t length, cicu_status *status);
cicu_text *cicu_utext_close(cicu_text *text);

// MARK: - Normalization (unorm2)

/// The NFKC_Casefold normalizer (ICU "nfkc_cf"), owned by ICU: never closed.
const cicu_normalizer *cicu_unorm2_getNFKCCasefold(cicu_status *status);
int32_t cicu_unorm2_normalize(const cicu_normalizer *normalizer, const cicu_uchar *source, int32_t length,
                              cicu_uchar *destination, int32_t capacity, cicu_status *status);
/// Whether a code point starts a normalization-independent chunk.
int8_t cicu_unorm2_hasBoundaryBefore(const cicu_normalizer *normalizer, int32_t codePoint);
/// Length of the prefix of `source` that is already normalized.
int32_t cicu_unorm2_spanQuickCheckYes(const cicu_normalizer *normalizer, const cicu_uchar *source, int32_t length,
                                      cicu_status *status);

// MARK: - Transliteration (utrans)

/// Opens a transliterator by ID, e.g. "Traditional-Simplified".
cicu_transliterator *cicu_utrans_open(const cicu_uchar *id, int32_t idLength, cicu_status *status);
void cicu_utrans_close(cicu_transliterator *transliterator);
/// Transliterates `text` in place; `*length` is updated, `capacity` bounds growth.
void cicu_utrans_transUChars(const cicu_transliterator *transliterator, cicu_uchar *text, int32_t *length,
                             int32_t capacity, cicu_status *status);

// MARK: - Character properties

int32_t cicu_u_getScript(int32_t codePoint, cicu_status *status);
int32_t cicu_usc_han(void);

// MARK: - Charset conversion (ucnv)

cicu_converter *cicu_ucnv_open(const char *name, cicu_status *status);
void cicu_ucnv_close(cicu_converter *converter);
/// Makes the converter stop with an error at the first illegal or unmappable
/// byte sequence instead of substituting (the default callback substitutes).
void cicu_ucnv_setStopOnError(cicu_converter *converter, cicu_status *status);
/// Converts a whole buffer to UTF-16; returns the UTF-16 length (preflight when destination is NULL).
int32_t cicu_ucnv_toUChars(cicu_converter *converter, cicu_uchar *destination, int32_t capacity, const char *source,
                           int32_t length, cicu_status *status);
/// Streaming conversion; on error, *source points just past the offending bytes.
void cicu_ucnv_toUnicode(cicu_converter *converter, cicu_uchar **target, const cicu_uchar *targetLimit,
                         const char **source, const char *sourceLimit, int8_t flush, cicu_status *status);
/// The bytes of the sequence that caused the last error, for reporting.
void cicu_ucnv_getInvalidChars(const cicu_converter *converter, char *buffer, int8_t *length, cicu_status *status);
void cicu_ucnv_reset(cicu_converter *converter);

// MARK: - Charset detection (ucsdet), advisory only

cicu_charset_detector *cicu_ucsdet_open(cicu_status *status);
void cicu_ucsdet_close(cicu_charset_detector *detector);
void cicu_ucsdet_setText(cicu_charset_detector *detector, const char *text, int32_t length, cicu_status *status);
/// Best guess: writes the charset name into `name` (NUL-terminated) and returns its confidence (0-100), or -1.
int32_t cicu_ucsdet_detect(cicu_charset_detector *detector, char *name, int32_t capacity, cicu_status *status);

// MARK: - UTF-8 to UTF-16 (ustring)

/// Converts UTF-8 to UTF-16 (u_strFromUTF8); returns the UTF-16 length, or
/// the needed capacity with CICU_BUFFER_OVERFLOW_ERROR. Benchmarks use it to
/// measure raw ICU word breaking the way a C indexer would.
int32_t cicu_u_strFromUTF8(cicu_uchar *destination, int32_t capacity, const char *source, int32_t length,
                           cicu_status *status);

#endif
