// The ICU calls behind include/cicu.h. Only this file sees ICU's headers,
// so ICU's C types never meet Foundation's private copy of them.
#include "cicu.h"

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

_Static_assert(sizeof(UChar) == sizeof(cicu_uchar), "UChar is one UTF-16 code unit");
_Static_assert(sizeof(UErrorCode) == sizeof(cicu_status), "UErrorCode fits cicu_status");
_Static_assert(U_ZERO_ERROR == CICU_ZERO_ERROR, "success is 0");
_Static_assert(U_BUFFER_OVERFLOW_ERROR == CICU_BUFFER_OVERFLOW_ERROR, "buffer overflow code");
_Static_assert(U_TRUNCATED_CHAR_FOUND == CICU_TRUNCATED_CHAR_FOUND, "truncated character code");

#define STATUS(s) ((UErrorCode *)(s))

const char *cicu_u_errorName(cicu_status code) { return u_errorName((UErrorCode)code); }
int cicu_failure(cicu_status code) { return U_FAILURE((UErrorCode)code) ? 1 : 0; }
void cicu_getVersion(char *buffer) {
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, buffer);
}

cicu_break_iterator *cicu_ubrk_openWord(const char *locale, cicu_status *status) {
  return (cicu_break_iterator *)ubrk_open(UBRK_WORD, locale, NULL, 0, STATUS(status));
}
cicu_break_iterator *cicu_ubrk_clone(const cicu_break_iterator *iterator, cicu_status *status) {
  return (cicu_break_iterator *)ubrk_clone((const UBreakIterator *)iterator, STATUS(status));
}
void cicu_ubrk_close(cicu_break_iterator *iterator) { ubrk_close((UBreakIterator *)iterator); }
void cicu_ubrk_setUText(cicu_break_iterator *iterator, cicu_text *text, cicu_status *status) {
  ubrk_setUText((UBreakIterator *)iterator, (UText *)text, STATUS(status));
}
void cicu_ubrk_setText(cicu_break_iterator *iterator, const cicu_uchar *text, int32_t length, cicu_status *status) {
  ubrk_setText((UBreakIterator *)iterator, (const UChar *)text, length, STATUS(status));
}
int32_t cicu_ubrk_first(cicu_break_iterator *iterator) { return ubrk_first((UBreakIterator *)iterator); }
int32_t cicu_ubrk_next(cicu_break_iterator *iterator) { return ubrk_next((UBreakIterator *)iterator); }
int32_t cicu_ubrk_current(const cicu_break_iterator *iterator) {
  return ubrk_current((const UBreakIterator *)iterator);
}
int32_t cicu_ubrk_getRuleStatus(cicu_break_iterator *iterator) {
  return ubrk_getRuleStatus((UBreakIterator *)iterator);
}
int32_t cicu_ubrk_done(void) { return UBRK_DONE; }

cicu_text *cicu_utext_openUTF8(cicu_text *text, const char *bytes, int64_t length, cicu_status *status) {
  return (cicu_text *)utext_openUTF8((UText *)text, bytes, length, STATUS(status));
}
cicu_text *cicu_utext_close(cicu_text *text) { return (cicu_text *)utext_close((UText *)text); }

const cicu_normalizer *cicu_unorm2_getNFKCCasefold(cicu_status *status) {
  return (const cicu_normalizer *)unorm2_getNFKCCasefoldInstance(STATUS(status));
}
int32_t cicu_unorm2_normalize(const cicu_normalizer *normalizer, const cicu_uchar *source, int32_t length,
                              cicu_uchar *destination, int32_t capacity, cicu_status *status) {
  return unorm2_normalize((const UNormalizer2 *)normalizer, (const UChar *)source, length, (UChar *)destination,
                          capacity, STATUS(status));
}
int8_t cicu_unorm2_hasBoundaryBefore(const cicu_normalizer *normalizer, int32_t codePoint) {
  return unorm2_hasBoundaryBefore((const UNormalizer2 *)normalizer, codePoint);
}
int32_t cicu_unorm2_spanQuickCheckYes(const cicu_normalizer *normalizer, const cicu_uchar *source, int32_t length,
                                      cicu_status *status) {
  return unorm2_spanQuickCheckYes((const UNormalizer2 *)normalizer, (const UChar *)source, length, STATUS(status));
}

cicu_transliterator *cicu_utrans_open(const cicu_uchar *id, int32_t idLength, cicu_status *status) {
  return (cicu_transliterator *)utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD, NULL, 0, NULL,
                                             STATUS(status));
}
void cicu_utrans_close(cicu_transliterator *transliterator) { utrans_close((UTransliterator *)transliterator); }
void cicu_utrans_transUChars(const cicu_transliterator *transliterator, cicu_uchar *text, int32_t *length,
                             int32_t capacity, cicu_status *status) {
  int32_t limit = *length;
  utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, length, capacity, 0, &limit,
                     STATUS(status));
}

int32_t cicu_u_getScript(int32_t codePoint, cicu_status *status) {
  return (int32_t)uscript_getScript(codePoint, STATUS(status));
}
int32_t cicu_usc_han(void) { return USCRIPT_HAN; }

cicu_converter *cicu_ucnv_open(const char *name, cicu_status *status) {
  return (cicu_converter *)ucnv_open(name, STATUS(status));
}
void cicu_ucnv_close(cicu_converter *converter) { ucnv_close((UConverter *)converter); }
void cicu_ucnv_setStopOnError(cicu_converter *converter, cicu_status *status) {
  ucnv_setToUCallBack((UConverter *)converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, STATUS(status));
}
int32_t cicu_ucnv_toUChars(cicu_converter *converter, cicu_uchar *destination, int32_t capacity, const char *source,
                           int32_t length, cicu_status *status) {
  return ucnv_toUChars((UConverter *)converter, (UChar *)destination, capacity, source, length, STATUS(status));
}
void cicu_ucnv_toUnicode(cicu_converter *converter, cicu_uchar **target, const cicu_uchar *targetLimit,
                         const char **source, const char *sourceLimit, int8_t flush, cicu_status *status) {
  ucnv_toUnicode((UConverter *)converter, (UChar **)target, (const UChar *)targetLimit, source, sourceLimit, NULL,
                 flush, STATUS(status));
}
void cicu_ucnv_getInvalidChars(const cicu_converter *converter, char *buffer, int8_t *length, cicu_status *status) {
  ucnv_getInvalidChars((const UConverter *)converter, buffer, length, STATUS(status));
}
void cicu_ucnv_reset(cicu_converter *converter) { ucnv_reset((UConverter *)converter); }

cicu_charset_detector *cicu_ucsdet_open(cicu_status *status) {
  return (cicu_charset_detector *)ucsdet_open(STATUS(status));
}
void cicu_ucsdet_close(cicu_charset_detector *detector) { ucsdet_close((UCharsetDetector *)detector); }
void cicu_ucsdet_setText(cicu_charset_detector *detector, const char *text, int32_t length, cicu_status *status) {
  ucsdet_setText((UCharsetDetector *)detector, text, length, STATUS(status));
}
int32_t cicu_ucsdet_detect(cicu_charset_detector *detector, char *name, int32_t capacity, cicu_status *status) {
  const UCharsetMatch *match = ucsdet_detect((UCharsetDetector *)detector, STATUS(status));
  if (U_FAILURE(*STATUS(status)) || match == NULL) return -1;
  const char *found = ucsdet_getName(match, STATUS(status));
  if (U_FAILURE(*STATUS(status)) || found == NULL) return -1;
  int32_t i = 0;
  for (; found[i] != 0 && i < capacity - 1; i++) name[i] = found[i];
  if (capacity > 0) name[i] = 0;
  return ucsdet_getConfidence(match, STATUS(status));
}

int32_t cicu_u_strFromUTF8(cicu_uchar *destination, int32_t capacity, const char *source, int32_t length,
                           cicu_status *status) {
  int32_t written = 0;
  u_strFromUTF8((UChar *)destination, capacity, &written, source, length, STATUS(status));
  return written;
}
