// Only the declaration in include/fuzzer_driver.h matters; libFuzzer defines the function.
#include "fuzzer_driver.h"
