// CBLAS and LAPACKE from Debian's libopenblas-dev and liblapacke-dev, and a prefetch hint.
// Only MLCore imports this module (Docs/Architecture.md).
#ifndef CLINEARALGEBRA_SHIM_H
#define CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>

// A read prefetch hint (no-op where the compiler has none): MLCore's `_Platform.prefetch`.
static inline void mlops_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 0, 3);
#else
    (void)address;
#endif
}
#endif
