/* xoshiro256** seeded by splitmix64 (doc/methods.md, "Bootstrap intervals"). */
#include "core/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void csat_rng_seed(csat_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

void csat_rng_seed_stream(csat_rng *r, uint64_t seed, uint64_t k)
{
    csat_rng_seed(r, seed ^ splitmix64(&k));
}

uint64_t csat_rng_next(csat_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t csat_rng_below(csat_rng *r, uint64_t n)
{
    /* The 128-bit product's high half is uniform on [0, n) once the low
     * half's biased region is rejected. Split into 32-bit halves so as not
     * to need a 128-bit type. */
    for (;;) {
        uint64_t x = csat_rng_next(r);
        uint64_t xl = x & 0xffffffffULL, xh = x >> 32, nl = n & 0xffffffffULL, nh = n >> 32;
        uint64_t ll = xl * nl, lh = xl * nh, hl = xh * nl, hh = xh * nh;
        uint64_t mid = (ll >> 32) + (lh & 0xffffffffULL) + (hl & 0xffffffffULL);
        uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
        uint64_t lo = (mid << 32) | (ll & 0xffffffffULL);
        if (lo >= n || lo >= (0 - n) % n)
            return hi;
    }
}
