/* Helpers shared by the packed kernels (not part of the module's interface). */
#ifndef JUNCTION_KERNEL_COMMON_H
#define JUNCTION_KERNEL_COMMON_H

#include "CKernels.h"

#include <string.h>

/* Panel rows (of 128 bytes) to prefetch ahead; prefetching past the end of a
 * panel only touches the next panel or is dropped, never faults. */
#define PREFETCH_ROWS 16

/* Number of 32-column panels that cover n columns. */
static inline int panel_count(int n) { return (n + JUNCTION_PANEL - 1) / JUNCTION_PANEL; }

/* Columns of panel p that exist (the last panel may be partial). */
static inline int panel_columns(int n, int p) {
    int rest = n - p * JUNCTION_PANEL;
    return rest < JUNCTION_PANEL ? rest : JUNCTION_PANEL;
}

/* Stores a 32-wide accumulator row into C, clipping at `cols`. */
static inline __attribute__((always_inline)) void store_row(float *c, const float *acc, int cols, int accumulate) {
    if (accumulate) {
        for (int j = 0; j < cols; j++) c[j] += acc[j];
    } else {
        memcpy(c, acc, (size_t)cols * sizeof(float));
    }
}

/*
 * Turns one row of 32 int8 sums into floats: (sum - offset * colsum) * row scale * column scale.
 * offset is 128 for kernels that multiply the offset unsigned inputs, 0 for those that undo it first.
 */
static inline __attribute__((always_inline)) void store_row_i8(
    float *c, const int *sums, int cols, int accumulate, float row_scale, const float *scales,
    const int *colsums, int offset) {
    float out[JUNCTION_PANEL];
    for (int j = 0; j < JUNCTION_PANEL; j++) {
        out[j] = (float)(sums[j] - offset * colsums[j]) * (row_scale * scales[j]);
    }
    store_row(c, out, cols, accumulate);
}

/* Rows for the next register block: at most `limit`, and remainders split
 * evenly (20 rows as 10 + 10, not 14 + 6). */
static inline int block_rows(int remaining, int limit) {
    if (remaining <= limit) return remaining;
    if (remaining >= 2 * limit) return limit;
    return (remaining + 1) / 2;
}

/* Reads 4 bytes (a pair of bfloat16 or a quad of int8) as one 32-bit lane. */
static inline __attribute__((always_inline)) int load32(const void *p) {
    int v;
    memcpy(&v, p, sizeof v);
    return v;
}

/*
 * Calls BLOCK(R, ...) with R a compile-time constant equal to `rows` (1 ... 14), so
 * that the accumulators of each instantiation stay in registers.
 */
#define ROW_SWITCH(rows, BLOCK, ...)                                                   \
    switch (rows) {                                                                    \
    case 14: BLOCK(14, __VA_ARGS__); break;                                            \
    case 13: BLOCK(13, __VA_ARGS__); break;                                            \
    case 12: BLOCK(12, __VA_ARGS__); break;                                            \
    case 11: BLOCK(11, __VA_ARGS__); break;                                            \
    case 10: BLOCK(10, __VA_ARGS__); break;                                            \
    case 9: BLOCK(9, __VA_ARGS__); break;                                              \
    case 8: BLOCK(8, __VA_ARGS__); break;                                              \
    case 7: BLOCK(7, __VA_ARGS__); break;                                              \
    case 6: BLOCK(6, __VA_ARGS__); break;                                              \
    case 5: BLOCK(5, __VA_ARGS__); break;                                              \
    case 4: BLOCK(4, __VA_ARGS__); break;                                              \
    case 3: BLOCK(3, __VA_ARGS__); break;                                              \
    case 2: BLOCK(2, __VA_ARGS__); break;                                              \
    default: BLOCK(1, __VA_ARGS__); break;                                             \
    }

#endif
