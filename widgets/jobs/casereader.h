// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QThreadPool>

namespace capaudit {

// Read-only queries off the GUI thread, run by a JobTracker on pool(). Each pool thread keeps its own connection to the
// case (CaseStore is not thread-safe; SQLite WAL lets these readers run while an import writes).
class CaseReader {
public:
    static QThreadPool* pool();
    // The calling worker thread's connection to PATH, opened on first use.
    static Result<CaseStore*> storeFor(const QString& path);

    // On a pool thread (a JobTracker's work function): FN(CaseStore&) -> Result<T> on this thread's connection.
    template <typename T, typename Fn> static Result<T> read(const QString& path, Fn&& fn)
    {
        Result<CaseStore*> store = storeFor(path);
        if (!store)
            return store.error();
        return fn(**store);
    }
};

} // namespace capaudit
