// The system zlib for LayerData: on Linux its headers come with the Swift toolchain's install
// requirements (zlib1g-dev), on Apple platforms with the SDK.
#ifndef LAYERKIT_CZLIB_SHIM_H
#define LAYERKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
