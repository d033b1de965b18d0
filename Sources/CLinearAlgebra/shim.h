// CBLAS and LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
// Only MLCore imports this module (Docs/Architecture.md).
#ifndef CLINEARALGEBRA_SHIM_H
#define CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
