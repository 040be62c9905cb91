#include "kernel_common.h"

#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* Round to nearest even for |v| < 2^22 without a libm call, so that the loops vectorise. */
static inline float round_even(float v) { return (v + 12582912.0f) - 12582912.0f; }

int junction_i8_depth(int k) { return (k + 3) & ~3; }

size_t junction_packed_i8_count(int n, int k) {
    return (size_t)panel_count(n) * (size_t)junction_i8_depth(k) * JUNCTION_PANEL;
}

void junction_pack_i8(const float *w, int n, int k, signed char *packed, float *scales, int *sums) {
    int depth = junction_i8_depth(k), panels = panel_count(n);
    memset(packed, 0, junction_packed_i8_count(n, k));
    for (int col = 0; col < panels * JUNCTION_PANEL; col++) {
        scales[col] = 0;
        sums[col] = 0;
        if (col >= n) continue;
        const float *row = w + (size_t)col * k;
        float largest = 0;
        for (int kk = 0; kk < k; kk++) largest = fabsf(row[kk]) > largest ? fabsf(row[kk]) : largest;
        float scale = largest > 0 ? largest / 127.0f : 1.0f, inverse = 1.0f / scale;
        signed char *panel = packed + (size_t)(col / JUNCTION_PANEL) * depth * JUNCTION_PANEL;
        int j = col % JUNCTION_PANEL, sum = 0;
        for (int kk = 0; kk < k; kk++) {
            int q = (int)round_even(row[kk] * inverse);
            q = q > 127 ? 127 : q < -127 ? -127 : q;
            panel[((size_t)(kk / 4) * JUNCTION_PANEL + j) * 4 + kk % 4] = (signed char)q;
            sum += q;
        }
        scales[col] = scale;
        sums[col] = sum;
    }
}

#if defined(__x86_64__)
/* One copy per vector width, chosen when the library loads (an ifunc). */
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void junction_rows_to_u8(const float *x, int m, int k, int ldx, unsigned char *out, float *scales) {
    int depth = junction_i8_depth(k);
    for (int r = 0; r < m; r++) {
        const float *row = x + (size_t)r * ldx;
        unsigned char *target = out + (size_t)r * depth;
        /* Independent lanes so that the maximum vectorises. */
        float lanes[16] = {0};
        int kk = 0;
        for (; kk + 16 <= k; kk += 16)
            for (int l = 0; l < 16; l++) lanes[l] = fabsf(row[kk + l]) > lanes[l] ? fabsf(row[kk + l]) : lanes[l];
        float largest = 0;
        for (; kk < k; kk++) largest = fabsf(row[kk]) > largest ? fabsf(row[kk]) : largest;
        for (int l = 0; l < 16; l++) largest = lanes[l] > largest ? lanes[l] : largest;
        float scale = largest > 0 ? largest / 127.0f : 1.0f, inverse = 1.0f / scale;
        for (kk = 0; kk < k; kk++) {
            float q = round_even(row[kk] * inverse);
            q = q > 127.0f ? 127.0f : q < -127.0f ? -127.0f : q;
            target[kk] = (unsigned char)((int)q + 128);
        }
        for (kk = k; kk < depth; kk++) target[kk] = 128;
        scales[r] = scale;
    }
}

/* Portable: exact integer sums of (x + 128) * w, the offset removed with the column sums. */
static void i8_portable(int m, int n, int k, const unsigned char *xq, const float *xscales, const signed char *packed,
                        const float *scales, const int *sums, float *c, int ldc, int accumulate, int p0, int p1) {
    enum { MR = 4 };
    int depth = junction_i8_depth(k);
    for (int p = p0; p < p1; p++) {
        const signed char *panel = packed + (size_t)p * depth * JUNCTION_PANEL;
        int col0 = p * JUNCTION_PANEL, cols = panel_columns(n, p);
        for (int r0 = 0; r0 < m; r0 += MR) {
            int rows = m - r0 < MR ? m - r0 : MR;
            int acc[MR][JUNCTION_PANEL];
            memset(acc, 0, sizeof(acc));
            for (int g = 0; g < depth / 4; g++) {
                const signed char *b = panel + (size_t)g * 4 * JUNCTION_PANEL;
                for (int r = 0; r < rows; r++) {
                    const unsigned char *x = xq + (size_t)(r0 + r) * depth + 4 * g;
                    for (int j = 0; j < JUNCTION_PANEL; j++) {
                        acc[r][j] += x[0] * b[4 * j] + x[1] * b[4 * j + 1] + x[2] * b[4 * j + 2] + x[3] * b[4 * j + 3];
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                store_row_i8(c + (size_t)(r0 + r) * ldc + col0, acc[r], cols, accumulate, xscales[r0 + r],
                             scales + col0, sums + col0, 128);
            }
        }
    }
}

#if defined(__x86_64__)
/* Writes the int32 accumulators of a 512-bit block (two registers per row) through store_row_i8. */
__attribute__((target("avx512f"), always_inline))
static inline void store_block_i8_512(const int rows, __m512i acc[][2], float *c, int ldc, int cols, int accumulate,
                                      const float *xscales, const float *scales, const int *sums, int offset) {
    for (int r = 0; r < rows; r++) {
        int out[JUNCTION_PANEL];
        _mm512_storeu_si512(out, acc[r][0]);
        _mm512_storeu_si512(out + 16, acc[r][1]);
        store_row_i8(c + (size_t)r * ldc, out, cols, accumulate, xscales[r], scales, sums, offset);
    }
}

/* The same for a 256-bit block (four registers per row). */
__attribute__((target("avx2"), always_inline))
static inline void store_block_i8_256(const int rows, __m256i acc[][4], float *c, int ldc, int cols, int accumulate,
                                      const float *xscales, const float *scales, const int *sums, int offset) {
    for (int r = 0; r < rows; r++) {
        int out[JUNCTION_PANEL];
        for (int v = 0; v < 4; v++) _mm256_storeu_si256((__m256i *)(out + 8 * v), acc[r][v]);
        store_row_i8(c + (size_t)r * ldc, out, cols, accumulate, xscales[r], scales, sums, offset);
    }
}

/* AVX-512 VNNI: vpdpbusd multiplies 4 unsigned by 4 signed bytes and adds them to 16 int32 lanes; 14 x 32 block. */
__attribute__((target("avx512f,avx512bw,avx512vnni"), always_inline))
static inline void block_i8_vnni512(const int rows, int quads, const unsigned char *xr, int ldx, const signed char *panel,
                                    float *c, int ldc, int cols, int accumulate, const float *xscales,
                                    const float *scales, const int *sums) {
    __m512i acc[14][2];
    for (int r = 0; r < rows; r++) { acc[r][0] = _mm512_setzero_si512(); acc[r][1] = _mm512_setzero_si512(); }
    for (int g = 0; g < quads; g++) {
        const signed char *b = panel + (size_t)g * 4 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL + 64), _MM_HINT_T0);
        __m512i b0 = _mm512_loadu_si512(b), b1 = _mm512_loadu_si512(b + 64);
        for (int r = 0; r < rows; r++) {
            __m512i a = _mm512_set1_epi32(load32(xr + (size_t)r * ldx + 4 * g));
            acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], a, b0);
            acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], a, b1);
        }
    }
    store_block_i8_512(rows, acc, c, ldc, cols, accumulate, xscales, scales, sums, 128);
}

/*
 * AVX-512 BW without VNNI: vpmaddubsw of |w| and x with w's sign (both within 127, so the pair sums
 * cannot saturate int16), then vpmaddwd by ones into int32; the offset of x is removed first. 12 x 32.
 */
__attribute__((target("avx512f,avx512bw"), always_inline))
static inline void block_i8_bw512(const int rows, int quads, const unsigned char *xr, int ldx, const signed char *panel,
                                  float *c, int ldc, int cols, int accumulate, const float *xscales,
                                  const float *scales, const int *sums) {
    __m512i acc[14][2];
    const __m512i ones = _mm512_set1_epi16(1), offset = _mm512_set1_epi8((char)0x80), zero = _mm512_setzero_si512();
    for (int r = 0; r < rows; r++) { acc[r][0] = zero; acc[r][1] = zero; }
    for (int g = 0; g < quads; g++) {
        const signed char *b = panel + (size_t)g * 4 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL + 64), _MM_HINT_T0);
        __m512i b0 = _mm512_loadu_si512(b), b1 = _mm512_loadu_si512(b + 64);
        __mmask64 negative0 = _mm512_movepi8_mask(b0), negative1 = _mm512_movepi8_mask(b1);
        __m512i magnitude0 = _mm512_abs_epi8(b0), magnitude1 = _mm512_abs_epi8(b1);
        for (int r = 0; r < rows; r++) {
            __m512i a = _mm512_xor_si512(_mm512_set1_epi32(load32(xr + (size_t)r * ldx + 4 * g)), offset);
            __m512i signed0 = _mm512_mask_sub_epi8(a, negative0, zero, a);
            __m512i signed1 = _mm512_mask_sub_epi8(a, negative1, zero, a);
            acc[r][0] = _mm512_add_epi32(acc[r][0], _mm512_madd_epi16(_mm512_maddubs_epi16(magnitude0, signed0), ones));
            acc[r][1] = _mm512_add_epi32(acc[r][1], _mm512_madd_epi16(_mm512_maddubs_epi16(magnitude1, signed1), ones));
        }
    }
    store_block_i8_512(rows, acc, c, ldc, cols, accumulate, xscales, scales, sums, 0);
}

/* AVX-VNNI: the 256-bit vpdpbusd; 3 rows x 32 columns (12 ymm accumulators). */
__attribute__((target("avx2,fma,avxvnni"), always_inline))
static inline void block_i8_avxvnni(const int rows, int quads, const unsigned char *xr, int ldx, const signed char *panel,
                                    float *c, int ldc, int cols, int accumulate, const float *xscales,
                                    const float *scales, const int *sums) {
    __m256i acc[3][4];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < 4; v++) acc[r][v] = _mm256_setzero_si256();
    for (int g = 0; g < quads; g++) {
        const signed char *b = panel + (size_t)g * 4 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL + 64), _MM_HINT_T0);
        __m256i a[3];
        for (int r = 0; r < rows; r++) a[r] = _mm256_set1_epi32(load32(xr + (size_t)r * ldx + 4 * g));
        for (int v = 0; v < 4; v++) {
            __m256i w = _mm256_loadu_si256((const __m256i *)(b + 32 * v));
            for (int r = 0; r < rows; r++) acc[r][v] = _mm256_dpbusd_avx_epi32(acc[r][v], a[r], w);
        }
    }
    store_block_i8_256(rows, acc, c, ldc, cols, accumulate, xscales, scales, sums, 128);
}

/* AVX2: vpmaddubsw / vpmaddwd with the sign trick of the AVX-512 BW kernel; 2 rows x 32 columns. */
__attribute__((target("avx2,fma"), always_inline))
static inline void block_i8_avx2(const int rows, int quads, const unsigned char *xr, int ldx, const signed char *panel,
                                 float *c, int ldc, int cols, int accumulate, const float *xscales,
                                 const float *scales, const int *sums) {
    __m256i acc[2][4];
    const __m256i ones = _mm256_set1_epi16(1), offset = _mm256_set1_epi8((char)0x80);
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < 4; v++) acc[r][v] = _mm256_setzero_si256();
    for (int g = 0; g < quads; g++) {
        const signed char *b = panel + (size_t)g * 4 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 4 * JUNCTION_PANEL + 64), _MM_HINT_T0);
        __m256i a[2];
        for (int r = 0; r < rows; r++) {
            a[r] = _mm256_xor_si256(_mm256_set1_epi32(load32(xr + (size_t)r * ldx + 4 * g)), offset);
        }
        for (int v = 0; v < 4; v++) {
            __m256i w = _mm256_loadu_si256((const __m256i *)(b + 32 * v));
            __m256i magnitude = _mm256_abs_epi8(w);
            for (int r = 0; r < rows; r++) {
                __m256i product = _mm256_maddubs_epi16(magnitude, _mm256_sign_epi8(a[r], w));
                acc[r][v] = _mm256_add_epi32(acc[r][v], _mm256_madd_epi16(product, ones));
            }
        }
    }
    store_block_i8_256(rows, acc, c, ldc, cols, accumulate, xscales, scales, sums, 0);
}

#define I8_VNNI512(R, ...) block_i8_vnni512(R, __VA_ARGS__)
#define I8_BW512(R, ...) block_i8_bw512(R, __VA_ARGS__)

/* The panel loop of one kernel: BLOCK over row blocks of at most LIMIT rows (ROW_SWITCH for constant counts). */
#define I8_PANELS(LIMIT, SWITCHED)                                                                          \
    int depth = junction_i8_depth(k);                                                                       \
    for (int p = p0; p < p1; p++) {                                                                         \
        const signed char *panel = packed + (size_t)p * depth * JUNCTION_PANEL;                             \
        int col0 = p * JUNCTION_PANEL, cols = panel_columns(n, p);                                          \
        for (int r0 = 0; r0 < m;) {                                                                         \
            int rows = block_rows(m - r0, LIMIT);                                                           \
            const unsigned char *xr = xq + (size_t)r0 * depth;                                              \
            float *cr = c + (size_t)r0 * ldc + col0;                                                        \
            SWITCHED(rows, depth / 4, xr, depth, panel, cr, ldc, cols, accumulate, xscales + r0,            \
                     scales + col0, sums + col0);                                                           \
            r0 += rows;                                                                                     \
        }                                                                                                   \
    }

#define SWITCH_VNNI512(rows, ...) ROW_SWITCH(rows, I8_VNNI512, __VA_ARGS__)
#define SWITCH_BW512(rows, ...) ROW_SWITCH(rows, I8_BW512, __VA_ARGS__)
#define SWITCH_AVXVNNI(rows, ...) \
    if (rows == 3) block_i8_avxvnni(3, __VA_ARGS__); else if (rows == 2) block_i8_avxvnni(2, __VA_ARGS__); else block_i8_avxvnni(1, __VA_ARGS__)
#define SWITCH_AVX2(rows, ...) \
    if (rows == 2) block_i8_avx2(2, __VA_ARGS__); else block_i8_avx2(1, __VA_ARGS__)

#define I8_SIGNATURE                                                                                        \
    (int m, int n, int k, const unsigned char *xq, const float *xscales, const signed char *packed,          \
     const float *scales, const int *sums, float *c, int ldc, int accumulate, int p0, int p1)

__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void i8_vnni512 I8_SIGNATURE { I8_PANELS(14, SWITCH_VNNI512) }
__attribute__((target("avx512f,avx512bw"))) static void i8_bw512 I8_SIGNATURE { I8_PANELS(12, SWITCH_BW512) }
__attribute__((target("avx2,fma,avxvnni"))) static void i8_avxvnni I8_SIGNATURE { I8_PANELS(3, SWITCH_AVXVNNI) }
__attribute__((target("avx2,fma"))) static void i8_avx2 I8_SIGNATURE { I8_PANELS(2, SWITCH_AVX2) }
#endif

void junction_gemm_i8(int kernel, int m, int n, int k, const unsigned char *xq, const float *xscales,
                      const signed char *packed, const float *scales, const int *sums,
                      float *c, int ldc, int accumulate, int first_panel, int last_panel) {
    if (!junction_kernel_supported(JUNCTION_PRECISION_INT8, kernel)) kernel = JUNCTION_KERNEL_PORTABLE;
    switch (kernel) {
#if defined(__x86_64__)
    case JUNCTION_KERNEL_AVX512_VNNI:
        i8_vnni512(m, n, k, xq, xscales, packed, scales, sums, c, ldc, accumulate, first_panel, last_panel);
        return;
    case JUNCTION_KERNEL_AVX512:
        i8_bw512(m, n, k, xq, xscales, packed, scales, sums, c, ldc, accumulate, first_panel, last_panel);
        return;
    case JUNCTION_KERNEL_AVX_VNNI:
        i8_avxvnni(m, n, k, xq, xscales, packed, scales, sums, c, ldc, accumulate, first_panel, last_panel);
        return;
    case JUNCTION_KERNEL_AVX2:
        i8_avx2(m, n, k, xq, xscales, packed, scales, sums, c, ldc, accumulate, first_panel, last_panel);
        return;
#endif
    default:
        i8_portable(m, n, k, xq, xscales, packed, scales, sums, c, ldc, accumulate, first_panel, last_panel);
    }
}
