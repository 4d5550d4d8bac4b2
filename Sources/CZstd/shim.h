#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H
// zstd's own header: ZSTD_compressCCtx/ZSTD_decompressDCtx and the context
// functions are plain C that Swift can call directly; nothing needs wrapping.
#include <zstd.h>
#endif
