// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace capaudit {

// Read-only queries off the GUI thread. Each pool thread keeps its own connection to the case (CaseStore is not
// thread-safe; SQLite WAL lets these readers run while an import writes).
class CaseReader {
public:
    static QThreadPool* pool();
    // The calling worker thread's connection to PATH, opened on first use.
    static Result<CaseStore*> storeFor(const QString& path);

    // Runs FN(CaseStore&) -> Result<T> on the pool.
    template <typename T, typename Fn> static QFuture<Result<T>> run(const QString& path, Fn fn)
    {
        return QtConcurrent::run(pool(), [path, fn]() -> Result<T> {
            Result<CaseStore*> store = storeFor(path);
            if (!store)
                return store.error();
            return fn(**store);
        });
    }
};

} // namespace capaudit
