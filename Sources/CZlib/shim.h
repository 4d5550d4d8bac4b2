#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
// zlib's own header: compress2/uncompress/crc32 are plain C functions that
// Swift can call directly; nothing needs wrapping.
#include <zlib.h>
#endif
