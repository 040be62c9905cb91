#include "kernel_common.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* Round to nearest even; weights and activations are finite. */
static inline unsigned short to_bf16(float value) {
    unsigned int bits;
    memcpy(&bits, &value, sizeof bits);
    bits += 0x7FFFu + ((bits >> 16) & 1u);
    return (unsigned short)(bits >> 16);
}

static inline float from_bf16(unsigned short half) {
    unsigned int bits = (unsigned int)half << 16;
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

int junction_bf16_depth(int k) { return (k + 1) & ~1; }

size_t junction_packed_bf16_count(int n, int k) {
    return (size_t)panel_count(n) * (size_t)junction_bf16_depth(k) * JUNCTION_PANEL;
}

void junction_pack_bf16(const float *w, int n, int k, unsigned short *packed) {
    int depth = junction_bf16_depth(k);
    for (int p = 0; p < panel_count(n); p++) {
        unsigned short *panel = packed + (size_t)p * depth * JUNCTION_PANEL;
        for (int g = 0; g < depth / 2; g++) {
            for (int j = 0; j < JUNCTION_PANEL; j++) {
                int col = p * JUNCTION_PANEL + j;
                for (int h = 0; h < 2; h++) {
                    int kk = 2 * g + h;
                    float v = col < n && kk < k ? w[(size_t)col * k + kk] : 0.0f;
                    panel[((size_t)g * JUNCTION_PANEL + j) * 2 + h] = to_bf16(v);
                }
            }
        }
    }
}

#if defined(__x86_64__)
/* One copy per vector width, chosen when the library loads (an ifunc). */
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void junction_rows_to_bf16(const float *x, int m, int k, int ldx, unsigned short *out) {
    int depth = junction_bf16_depth(k);
    for (int r = 0; r < m; r++) {
        const float *row = x + (size_t)r * ldx;
        unsigned short *target = out + (size_t)r * depth;
        for (int kk = 0; kk < k; kk++) target[kk] = to_bf16(row[kk]);
        if (depth > k) target[k] = 0;
    }
}

/* Portable: exact products of the bfloat16 values, summed in single precision. */
static void bf16_portable(int m, int n, int k, const unsigned short *xb, const unsigned short *packed,
                          float *c, int ldc, int accumulate, int p0, int p1) {
    enum { MR = 4 };
    int depth = junction_bf16_depth(k);
    for (int p = p0; p < p1; p++) {
        const unsigned short *panel = packed + (size_t)p * depth * JUNCTION_PANEL;
        int col0 = p * JUNCTION_PANEL, cols = panel_columns(n, p);
        for (int r0 = 0; r0 < m; r0 += MR) {
            int rows = m - r0 < MR ? m - r0 : MR;
            float acc[MR][JUNCTION_PANEL];
            memset(acc, 0, sizeof(acc));
            for (int g = 0; g < depth / 2; g++) {
                const unsigned short *b = panel + (size_t)g * 2 * JUNCTION_PANEL;
                float w0[JUNCTION_PANEL], w1[JUNCTION_PANEL];
                for (int j = 0; j < JUNCTION_PANEL; j++) { w0[j] = from_bf16(b[2 * j]); w1[j] = from_bf16(b[2 * j + 1]); }
                for (int r = 0; r < rows; r++) {
                    float x0 = from_bf16(xb[(size_t)(r0 + r) * depth + 2 * g]);
                    float x1 = from_bf16(xb[(size_t)(r0 + r) * depth + 2 * g + 1]);
                    for (int j = 0; j < JUNCTION_PANEL; j++) acc[r][j] += x0 * w0[j] + x1 * w1[j];
                }
            }
            for (int r = 0; r < rows; r++) store_row(c + (size_t)(r0 + r) * ldc + col0, acc[r], cols, accumulate);
        }
    }
}

#if defined(__x86_64__)
/* AVX-512 BF16: vdpbf16ps does two k steps of 16 columns per instruction; up to 14 rows x 32 columns. */
__attribute__((target("avx512f,avx512bw,avx512bf16"), always_inline))
static inline void block_bf16_dot(const int rows, int pairs, const unsigned short *xr, int ldx,
                                  const unsigned short *panel, float *c, int ldc, int cols, int accumulate) {
    __m512 acc[14][2];
    for (int r = 0; r < rows; r++) { acc[r][0] = _mm512_setzero_ps(); acc[r][1] = _mm512_setzero_ps(); }
    for (int g = 0; g < pairs; g++) {
        const unsigned short *b = panel + (size_t)g * 2 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 2 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 2 * JUNCTION_PANEL + 32), _MM_HINT_T0);
        __m512bh b0 = (__m512bh)_mm512_loadu_si512(b), b1 = (__m512bh)_mm512_loadu_si512(b + 32);
        for (int r = 0; r < rows; r++) {
            __m512bh a = (__m512bh)_mm512_set1_epi32(load32(xr + (size_t)r * ldx + 2 * g));
            acc[r][0] = _mm512_dpbf16_ps(acc[r][0], a, b0);
            acc[r][1] = _mm512_dpbf16_ps(acc[r][1], a, b1);
        }
    }
    for (int r = 0; r < rows; r++) {
        float out[JUNCTION_PANEL];
        _mm512_storeu_ps(out, acc[r][0]);
        _mm512_storeu_ps(out + 16, acc[r][1]);
        store_row(c + (size_t)r * ldc, out, cols, accumulate);
    }
}

/* AVX-512 without BF16: widens the pairs to single precision (shift / mask) and uses FMA; up to 12 rows. */
__attribute__((target("avx512f,fma"), always_inline))
static inline void block_bf16_widen512(const int rows, int pairs, const unsigned short *xr, int ldx,
                                       const unsigned short *panel, float *c, int ldc, int cols, int accumulate) {
    __m512 acc[14][2];
    const __m512i high = _mm512_set1_epi32((int)0xFFFF0000u);
    for (int r = 0; r < rows; r++) { acc[r][0] = _mm512_setzero_ps(); acc[r][1] = _mm512_setzero_ps(); }
    for (int g = 0; g < pairs; g++) {
        const unsigned short *b = panel + (size_t)g * 2 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 2 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 2 * JUNCTION_PANEL + 32), _MM_HINT_T0);
        __m512i b0 = _mm512_loadu_si512(b), b1 = _mm512_loadu_si512(b + 32);
        __m512 even0 = _mm512_castsi512_ps(_mm512_slli_epi32(b0, 16));
        __m512 odd0 = _mm512_castsi512_ps(_mm512_and_si512(b0, high));
        __m512 even1 = _mm512_castsi512_ps(_mm512_slli_epi32(b1, 16));
        __m512 odd1 = _mm512_castsi512_ps(_mm512_and_si512(b1, high));
        for (int r = 0; r < rows; r++) {
            const unsigned short *x = xr + (size_t)r * ldx + 2 * g;
            __m512 x0 = _mm512_set1_ps(from_bf16(x[0])), x1 = _mm512_set1_ps(from_bf16(x[1]));
            acc[r][0] = _mm512_fmadd_ps(x1, odd0, _mm512_fmadd_ps(x0, even0, acc[r][0]));
            acc[r][1] = _mm512_fmadd_ps(x1, odd1, _mm512_fmadd_ps(x0, even1, acc[r][1]));
        }
    }
    for (int r = 0; r < rows; r++) {
        float out[JUNCTION_PANEL];
        _mm512_storeu_ps(out, acc[r][0]);
        _mm512_storeu_ps(out + 16, acc[r][1]);
        store_row(c + (size_t)r * ldc, out, cols, accumulate);
    }
}

/* AVX2 + FMA: widens like the AVX-512 fallback, 2 rows x 32 columns (8 of the 16 ymm registers). */
__attribute__((target("avx2,fma"), always_inline))
static inline void block_bf16_avx2(const int rows, int pairs, const unsigned short *xr, int ldx,
                                   const unsigned short *panel, float *c, int ldc, int cols, int accumulate) {
    __m256 acc[2][4];
    const __m256i high = _mm256_set1_epi32((int)0xFFFF0000u);
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < 4; v++) acc[r][v] = _mm256_setzero_ps();
    for (int g = 0; g < pairs; g++) {
        const unsigned short *b = panel + (size_t)g * 2 * JUNCTION_PANEL;
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 2 * JUNCTION_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + PREFETCH_ROWS * 2 * JUNCTION_PANEL + 32), _MM_HINT_T0);
        __m256 x0[2], x1[2];
        for (int r = 0; r < rows; r++) {
            x0[r] = _mm256_set1_ps(from_bf16(xr[(size_t)r * ldx + 2 * g]));
            x1[r] = _mm256_set1_ps(from_bf16(xr[(size_t)r * ldx + 2 * g + 1]));
        }
        for (int v = 0; v < 4; v++) {
            __m256i w = _mm256_loadu_si256((const __m256i *)(b + 16 * v));
            __m256 even = _mm256_castsi256_ps(_mm256_slli_epi32(w, 16));
            __m256 odd = _mm256_castsi256_ps(_mm256_and_si256(w, high));
            for (int r = 0; r < rows; r++) {
                acc[r][v] = _mm256_fmadd_ps(x1[r], odd, _mm256_fmadd_ps(x0[r], even, acc[r][v]));
            }
        }
    }
    for (int r = 0; r < rows; r++) {
        float out[JUNCTION_PANEL];
        for (int v = 0; v < 4; v++) _mm256_storeu_ps(out + 8 * v, acc[r][v]);
        store_row(c + (size_t)r * ldc, out, cols, accumulate);
    }
}

#define BF16_DOT(R, ...) block_bf16_dot(R, __VA_ARGS__)
#define BF16_WIDEN512(R, ...) block_bf16_widen512(R, __VA_ARGS__)

/* The panel loop of one kernel over row blocks of at most LIMIT rows (ROW_SWITCH for constant counts). */
#define BF16_PANELS(LIMIT, SWITCHED)                                                                        \
    int depth = junction_bf16_depth(k);                                                                     \
    for (int p = p0; p < p1; p++) {                                                                         \
        const unsigned short *panel = packed + (size_t)p * depth * JUNCTION_PANEL;                          \
        int col0 = p * JUNCTION_PANEL, cols = panel_columns(n, p);                                          \
        for (int r0 = 0; r0 < m;) {                                                                         \
            int rows = block_rows(m - r0, LIMIT);                                                           \
            const unsigned short *xr = xb + (size_t)r0 * depth;                                             \
            float *cr = c + (size_t)r0 * ldc + col0;                                                        \
            SWITCHED(rows, depth / 2, xr, depth, panel, cr, ldc, cols, accumulate);                         \
            r0 += rows;                                                                                     \
        }                                                                                                   \
    }

#define SWITCH_DOT(rows, ...) ROW_SWITCH(rows, BF16_DOT, __VA_ARGS__)
#define SWITCH_WIDEN512(rows, ...) ROW_SWITCH(rows, BF16_WIDEN512, __VA_ARGS__)
#define SWITCH_AVX2(rows, ...) \
    if (rows == 2) block_bf16_avx2(2, __VA_ARGS__); else block_bf16_avx2(1, __VA_ARGS__)

#define BF16_SIGNATURE                                                                                      \
    (int m, int n, int k, const unsigned short *xb, const unsigned short *packed, float *c, int ldc,          \
     int accumulate, int p0, int p1)

__attribute__((target("avx512f,avx512bw,avx512bf16"))) static void bf16_avx512_dot BF16_SIGNATURE { BF16_PANELS(14, SWITCH_DOT) }
__attribute__((target("avx512f,fma"))) static void bf16_avx512_widen BF16_SIGNATURE { BF16_PANELS(12, SWITCH_WIDEN512) }
__attribute__((target("avx2,fma"))) static void bf16_avx2 BF16_SIGNATURE { BF16_PANELS(2, SWITCH_AVX2) }
#endif

void junction_gemm_bf16(int kernel, int m, int n, int k, const unsigned short *xb, const unsigned short *packed,
                        float *c, int ldc, int accumulate, int first_panel, int last_panel) {
    if (!junction_kernel_supported(JUNCTION_PRECISION_BF16, kernel)) kernel = JUNCTION_KERNEL_PORTABLE;
    switch (kernel) {
#if defined(__x86_64__)
    case JUNCTION_KERNEL_AVX512_BF16:
        bf16_avx512_dot(m, n, k, xb, packed, c, ldc, accumulate, first_panel, last_panel);
        return;
    case JUNCTION_KERNEL_AVX512:
        bf16_avx512_widen(m, n, k, xb, packed, c, ldc, accumulate, first_panel, last_panel);
        return;
    case JUNCTION_KERNEL_AVX2:
        bf16_avx2(m, n, k, xb, packed, c, ldc, accumulate, first_panel, last_panel);
        return;
#endif
    default:
        bf16_portable(m, n, k, xb, packed, c, ldc, accumulate, first_panel, last_panel);
    }
}
