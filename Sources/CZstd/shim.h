#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H
// zstd's own headers: compression, contexts and dictionaries (zstd.h) and
// dictionary training (zdict.h) are plain C that Swift can call directly;
// nothing needs wrapping.
#include <zstd.h>
#include <zdict.h>
#endif
