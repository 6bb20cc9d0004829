/* A stand-in bcryptprimitives.dll for testing under Debian's wine 8.0, which lacks it.
 *
 * Rust's standard library (1.78 and later) imports ProcessPrng from bcryptprimitives.dll for its random
 * numbers (HashMap seeds); without the DLL, wine 8 refuses to start the .exe. Windows 10 and 11 have the real
 * DLL, so this file is only ever used inside the test prefix, never shipped.
 *
 * ProcessPrng fills the buffer with random bytes and always succeeds on Windows; here it forwards to
 * SystemFunction036 (RtlGenRandom in advapi32), which wine implements. Built by scripts/windows.sh:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* SystemFunction036 takes a 32-bit length; hand it large buffers in pieces. */
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
