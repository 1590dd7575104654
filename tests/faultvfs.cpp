// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultvfs.h"

#include <QtGlobal>

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace capaudit::test {

namespace {

std::atomic<Fault> g_fault { Fault::None };
std::atomic_int g_nth { 0 };
std::atomic_int g_calls { 0 };
std::atomic_bool g_fired { false };
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_shim;
sqlite3_mem_methods g_realMemory {};
sqlite3_mem_methods g_shimMemory {};

// The shim's file: our header, then the real VFS's file object (szOsFile bytes).
struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<ShimFile*>(f)->real;
}

// True when this call is the armed Nth one of KIND.
bool strike(Fault kind)
{
    const Fault armed = g_fault.load();
    const bool counts = kind == Fault::SyncError ? armed == Fault::SyncError
        : kind == Fault::OutOfMemory             ? armed == Fault::OutOfMemory
                                                 : armed == Fault::WriteError || armed == Fault::TornWrite;
    if (!counts || g_fired)
        return false;
    if (++g_calls != g_nth)
        return false;
    g_fired = true;
    return true;
}

int shimClose(sqlite3_file* f)
{
    const int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
    f->pMethods = nullptr;
    return rc;
}
int shimRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off)
{
    return real(f)->pMethods->xRead(real(f), buf, n, off);
}
int shimWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off)
{
    const Fault armed = g_fault.load();
    if ((armed == Fault::WriteError || armed == Fault::TornWrite) && strike(armed)) {
        if (armed == Fault::WriteError)
            return SQLITE_IOERR_WRITE;
        (void)real(f)->pMethods->xWrite(real(f), buf, n / 2, off);
        return SQLITE_FULL;
    }
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
int shimTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
int shimSync(sqlite3_file* f, int flags)
{
    if (strike(Fault::SyncError))
        return SQLITE_IOERR_FSYNC;
    return real(f)->pMethods->xSync(real(f), flags);
}
int shimFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int shimLock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xLock(real(f), level);
}
int shimUnlock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xUnlock(real(f), level);
}
int shimCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int shimFileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int shimSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int shimDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int shimShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int shimShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void shimShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int shimShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int shimFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out)
{
    return real(f)->pMethods->xFetch(real(f), off, n, out);
}
int shimUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p)
{
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

// One method table per io_methods version, so the shim never claims a method the real file lacks.
sqlite3_io_methods methodsFor(int version)
{
    sqlite3_io_methods m {};
    m.iVersion = version;
    m.xClose = shimClose;
    m.xRead = shimRead;
    m.xWrite = shimWrite;
    m.xTruncate = shimTruncate;
    m.xSync = shimSync;
    m.xFileSize = shimFileSize;
    m.xLock = shimLock;
    m.xUnlock = shimUnlock;
    m.xCheckReservedLock = shimCheckReservedLock;
    m.xFileControl = shimFileControl;
    m.xSectorSize = shimSectorSize;
    m.xDeviceCharacteristics = shimDeviceCharacteristics;
    if (version >= 2) {
        m.xShmMap = shimShmMap;
        m.xShmLock = shimShmLock;
        m.xShmBarrier = shimShmBarrier;
        m.xShmUnmap = shimShmUnmap;
    }
    if (version >= 3) {
        m.xFetch = shimFetch;
        m.xUnfetch = shimUnfetch;
    }
    return m;
}

const sqlite3_io_methods* shimMethods(int version)
{
    static const sqlite3_io_methods v1 = methodsFor(1), v2 = methodsFor(2), v3 = methodsFor(3);
    return version >= 3 ? &v3 : version == 2 ? &v2 : &v1;
}

int shimOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags)
{
    auto* shim = reinterpret_cast<ShimFile*>(f);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    std::memset(shim->real, 0, size_t(g_real->szOsFile));
    const int rc = g_real->xOpen(g_real, name, shim->real, flags, outFlags);
    f->pMethods = shim->real->pMethods ? shimMethods(shim->real->pMethods->iVersion) : nullptr;
    return rc;
}

// Out of memory is not a single event: once the heap is exhausted every later allocation fails too, until memory is
// given back (disarm). Counting stops at the first failure.
bool outOfMemory()
{
    if (g_fault.load() != Fault::OutOfMemory)
        return false;
    return g_fired || strike(Fault::OutOfMemory);
}
void* shimMalloc(int n)
{
    return outOfMemory() ? nullptr : g_realMemory.xMalloc(n);
}
void* shimRealloc(void* p, int n)
{
    // Shrinking never needs new memory.
    if (p && n <= g_realMemory.xSize(p))
        return g_realMemory.xRealloc(p, n);
    return outOfMemory() ? nullptr : g_realMemory.xRealloc(p, n);
}

} // namespace

void FaultVfs::install()
{
    if (g_real)
        return;
    // The allocator can only be replaced while SQLite is shut down; no connection is open yet.
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_realMemory);
    g_shimMemory = g_realMemory;
    g_shimMemory.xMalloc = shimMalloc;
    g_shimMemory.xRealloc = shimRealloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &g_shimMemory) != SQLITE_OK)
        qFatal("cannot install the SQLite allocator shim");
    sqlite3_initialize();
    g_real = sqlite3_vfs_find(nullptr);
    g_shim = *g_real;
    g_shim.zName = "capaudit-fault";
    g_shim.pNext = nullptr;
    g_shim.szOsFile = int(sizeof(ShimFile)) + g_real->szOsFile;
    g_shim.xOpen = shimOpen;
    sqlite3_vfs_register(&g_shim, 1);
}

void FaultVfs::arm(Fault fault, int nth)
{
    g_calls = 0;
    g_fired = false;
    g_nth = nth;
    g_fault = fault;
}

void FaultVfs::disarm()
{
    g_fault = Fault::None;
}

bool FaultVfs::fired()
{
    return g_fired;
}

int FaultVfs::calls()
{
    return g_calls;
}

} // namespace capaudit::test
