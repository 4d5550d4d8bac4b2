#ifndef CICU_SHIM_H
#define CICU_SHIM_H
// Version-free wrappers around the ICU C API.
//
// ICU's unicode/urename.h renames every exported symbol by version
// (ubrk_open becomes ubrk_open_72), and Swift cannot see the plain names.
// Each wrapper below is a static inline function with a stable `cicu_` name,
// so Swift code never depends on the ICU version installed. Only ICU types
// live in this module; no ICU type may appear in a public Swift API.
#include <unicode/utypes.h>
#include <unicode/uversion.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

// MARK: - Errors and version

/// The symbolic name of an error code ("U_BUFFER_OVERFLOW_ERROR").
static inline const char *cicu_u_errorName(UErrorCode code) { return u_errorName(code); }
/// Whether an error code is a failure (U_FAILURE is a macro Swift cannot call).
static inline int cicu_failure(UErrorCode code) { return U_FAILURE(code) ? 1 : 0; }
/// The running ICU library's version as "72.1".
static inline void cicu_getVersion(char *buffer /* U_MAX_VERSION_STRING_LENGTH */) {
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, buffer);
}

// MARK: - Break iteration (ubrk)

/// Opens a word break iterator for a locale, with no text yet.
static inline UBreakIterator *cicu_ubrk_openWord(const char *locale, UErrorCode *status) {
  return ubrk_open(UBRK_WORD, locale, NULL, 0, status);
}
/// Clones an iterator; opening one is expensive, cloning cheap (Lucene keeps prototypes).
static inline UBreakIterator *cicu_ubrk_clone(const UBreakIterator *bi, UErrorCode *status) {
  return ubrk_clone(bi, status);
}
static inline void cicu_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }
static inline void cicu_ubrk_setUText(UBreakIterator *bi, UText *text, UErrorCode *status) {
  ubrk_setUText(bi, text, status);
}
static inline void cicu_ubrk_setText(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
  ubrk_setText(bi, text, length, status);
}
static inline int32_t cicu_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t cicu_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t cicu_ubrk_current(const UBreakIterator *bi) { return ubrk_current(bi); }
/// The rule status of the boundary just returned (UBRK_WORD_NONE, _NUMBER, _LETTER, _KANA, _IDEO ranges).
static inline int32_t cicu_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
/// ubrk_next's end marker (UBRK_DONE is a macro).
static inline int32_t cicu_ubrk_done(void) { return UBRK_DONE; }

// MARK: - UText over UTF-8

/// Opens a UText over UTF-8 bytes; indexes reported by iterators are byte offsets.
static inline UText *cicu_utext_openUTF8(UText *ut, const char *s, int64_t length, UErrorCode *status) {
  return utext_openUTF8(ut, s, length, status);
}
static inline UText *cicu_utext_close(UText *ut) { return utext_close(ut); }

// MARK: - Normalization (unorm2)

/// The NFKC_Casefold normalizer (ICU "nfkc_cf"): compatibility forms folded, case folded.
static inline const UNormalizer2 *cicu_unorm2_getNFKCCasefold(UErrorCode *status) {
  return unorm2_getNFKCCasefoldInstance(status);
}
static inline int32_t cicu_unorm2_normalize(const UNormalizer2 *norm, const UChar *src, int32_t length,
                                            UChar *dest, int32_t capacity, UErrorCode *status) {
  return unorm2_normalize(norm, src, length, dest, capacity, status);
}
/// Whether a code point starts a normalization-independent chunk.
static inline UBool cicu_unorm2_hasBoundaryBefore(const UNormalizer2 *norm, UChar32 c) {
  return unorm2_hasBoundaryBefore(norm, c);
}
/// Length of the prefix of `src` that is already normalized.
static inline int32_t cicu_unorm2_spanQuickCheckYes(const UNormalizer2 *norm, const UChar *src, int32_t length,
                                                    UErrorCode *status) {
  return unorm2_spanQuickCheckYes(norm, src, length, status);
}

// MARK: - Transliteration (utrans)

/// Opens a transliterator by ID, e.g. "Traditional-Simplified".
static inline UTransliterator *cicu_utrans_open(const UChar *id, int32_t idLength, UErrorCode *status) {
  return utrans_openU(id, idLength, UTRANS_FORWARD, NULL, 0, NULL, status);
}
static inline void cicu_utrans_close(UTransliterator *trans) { utrans_close(trans); }
/// Transliterates `text` in place; `*length` is updated, `capacity` bounds growth.
static inline void cicu_utrans_transUChars(const UTransliterator *trans, UChar *text, int32_t *length,
                                           int32_t capacity, UErrorCode *status) {
  int32_t limit = *length;
  utrans_transUChars(trans, text, length, capacity, 0, &limit, status);
}

// MARK: - Character properties

static inline int32_t cicu_u_getScript(UChar32 c, UErrorCode *status) { return (int32_t)uscript_getScript(c, status); }
static inline int32_t cicu_usc_han(void) { return USCRIPT_HAN; }

// MARK: - Charset conversion (ucnv)

static inline UConverter *cicu_ucnv_open(const char *name, UErrorCode *status) { return ucnv_open(name, status); }
static inline void cicu_ucnv_close(UConverter *cnv) { ucnv_close(cnv); }
/// Makes the converter stop with an error at the first illegal or unmappable
/// byte sequence instead of substituting (the default callback substitutes).
static inline void cicu_ucnv_setStopOnError(UConverter *cnv, UErrorCode *status) {
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, status);
}
/// Converts a whole buffer to UTF-16; returns the UTF-16 length (preflight when dest is NULL).
static inline int32_t cicu_ucnv_toUChars(UConverter *cnv, UChar *dest, int32_t capacity, const char *src,
                                         int32_t length, UErrorCode *status) {
  return ucnv_toUChars(cnv, dest, capacity, src, length, status);
}
/// Streaming conversion; on error, *source points just past the offending bytes.
static inline void cicu_ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *targetLimit,
                                       const char **source, const char *sourceLimit, UBool flush,
                                       UErrorCode *status) {
  ucnv_toUnicode(cnv, target, targetLimit, source, sourceLimit, NULL, flush, status);
}
/// The bytes of the sequence that caused the last error, for reporting.
static inline void cicu_ucnv_getInvalidChars(const UConverter *cnv, char *buffer, int8_t *length,
                                             UErrorCode *status) {
  ucnv_getInvalidChars(cnv, buffer, length, status);
}
static inline void cicu_ucnv_reset(UConverter *cnv) { ucnv_reset(cnv); }

// MARK: - Charset detection (ucsdet), advisory only

static inline UCharsetDetector *cicu_ucsdet_open(UErrorCode *status) { return ucsdet_open(status); }
static inline void cicu_ucsdet_close(UCharsetDetector *det) { ucsdet_close(det); }
static inline void cicu_ucsdet_setText(UCharsetDetector *det, const char *text, int32_t length, UErrorCode *status) {
  ucsdet_setText(det, text, length, status);
}
/// Best guess: writes the charset name into `name` (NUL-terminated) and returns its confidence (0-100), or -1.
static inline int32_t cicu_ucsdet_detect(UCharsetDetector *det, char *name, int32_t capacity, UErrorCode *status) {
  const UCharsetMatch *match = ucsdet_detect(det, status);
  if (U_FAILURE(*status) || match == NULL) return -1;
  const char *n = ucsdet_getName(match, status);
  if (U_FAILURE(*status) || n == NULL) return -1;
  int32_t i = 0;
  for (; n[i] != 0 && i < capacity - 1; i++) name[i] = n[i];
  name[i] = 0;
  return ucsdet_getConfidence(match, status);
}

// MARK: - UTF-8 to UTF-16 (ustring)

/// Converts UTF-8 to UTF-16 (u_strFromUTF8); returns the UTF-16 length, or
/// the needed capacity with U_BUFFER_OVERFLOW_ERROR. Benchmarks use it to
/// measure raw ICU word breaking the way a C indexer would.
static inline int32_t cicu_u_strFromUTF8(UChar *dest, int32_t capacity, const char *src, int32_t length,
                                         UErrorCode *status) {
  int32_t written = 0;
  u_strFromUTF8(dest, capacity, &written, src, length, status);
  return written;
}

#endif
