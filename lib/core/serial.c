/* Little-endian byte encoding, independent of the host's byte order. */
#include <string.h>

#include "core/serial.h"

void csat_put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

void csat_put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

void csat_put_f64(unsigned char *p, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    csat_put_u64(p, bits);
}

uint32_t csat_get_u32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

uint64_t csat_get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

double csat_get_f64(const unsigned char *p)
{
    uint64_t bits = csat_get_u64(p);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}
