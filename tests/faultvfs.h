// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A SQLite VFS shim for fault injection (tst_faultinjection), in the manner of SQLite's own test VFS: it wraps the
// default VFS, is registered as the new default, and while armed makes the Nth write or sync of any file (database,
// WAL, journal) fail. Unarmed it only passes calls through, so the rest of a test runs on the real file system.
#include <QString>

namespace capaudit::test {

enum class Fault {
    None,
    WriteError, // the Nth xWrite returns SQLITE_IOERR_WRITE and writes nothing
    TornWrite, // the Nth xWrite writes the first half of its buffer, then reports SQLITE_FULL (a short write)
    SyncError, // the Nth xSync returns SQLITE_IOERR_FSYNC
};

class FaultVfs {
public:
    static void install(); // once per process; makes the shim SQLite's default VFS
    static void arm(Fault fault, int nth); // counts from the next call
    static void disarm();
    static bool fired(); // the armed fault has happened since arm()
    static int calls(); // writes (or syncs) counted since arm()
};

} // namespace capaudit::test
