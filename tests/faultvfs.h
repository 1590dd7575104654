// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// SQLite fault injection (tst_faultinjection), in the manner of SQLite's own test harness: a VFS shim that wraps the
// default VFS, is registered as the new default, and while armed makes the Nth write or sync of any file (database,
// WAL, journal) fail; and an allocator shim (SQLITE_CONFIG_MALLOC) that, while armed, makes the Nth allocation and
// every later one fail, as a process that has run out of memory sees it. Unarmed both only pass calls through, so the
// rest of a test runs on the real file system and heap.
#include <QString>

namespace capaudit::test {

enum class Fault {
    None,
    WriteError, // the Nth xWrite returns SQLITE_IOERR_WRITE and writes nothing
    TornWrite, // the Nth xWrite writes the first half of its buffer, then reports SQLITE_FULL (a short write)
    SyncError, // the Nth xSync returns SQLITE_IOERR_FSYNC
    OutOfMemory, // the Nth SQLite allocation (malloc or growing realloc) and all later ones return null
};

class FaultVfs {
public:
    static void install(); // once per process; makes the shim SQLite's default VFS
    static void arm(Fault fault, int nth); // counts from the next call
    static void disarm();
    static bool fired(); // the armed fault has happened since arm()
    static int calls(); // writes, syncs or allocations counted since arm()
};

} // namespace capaudit::test
