// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/jobtracker.h"
#include "store/casestore.h"

#include <QThreadPool>

#include <memory>
#include <utility>

namespace capaudit {

// The connections JobTracker work functions use (CaseStore is not thread-safe; SQLite WAL lets readers run while an
// import writes). Read-only queries run on pool(), whose threads keep their connection between loads; long or
// writing work (checks, reports) opens a connection of its own on whatever thread runs it.
class CaseReader {
public:
    static QThreadPool* pool();
    // The calling worker thread's connection to PATH, opened on first use.
    static Result<CaseStore*> storeFor(const QString& path);

    // A work function for a tracker on pool(): FN(CaseStore&) -> Result<T> on the thread's connection to PATH.
    template <typename Fn> static auto reading(const QString& path, Fn fn)
    {
        return [path, fn](JobContext&) -> decltype(fn(std::declval<CaseStore&>())) {
            Result<CaseStore*> store = storeFor(path);
            if (!store)
                return store.error();
            return fn(**store);
        };
    }
    // A work function with a connection of its own: FN(CaseStore&, JobContext&) -> Result<T>.
    template <typename Fn> static auto ownConnection(const QString& path, Fn fn)
    {
        return [path, fn](JobContext& job) -> decltype(fn(std::declval<CaseStore&>(), job)) {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path);
            if (!store)
                return store.error();
            return fn(**store, job);
        };
    }
};

} // namespace capaudit
