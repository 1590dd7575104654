// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/casereader.h"

#include <memory>

namespace capaudit {

QThreadPool* CaseReader::pool()
{
    static QThreadPool* instance = [] {
        auto* p = new QThreadPool;
        // Two readers: the timeline and the overview can load at the same time on a 2-core machine.
        p->setMaxThreadCount(2);
        // Keep the threads (and their open connections) alive between zooms.
        p->setExpiryTimeout(-1);
        return p;
    }();
    return instance;
}

Result<CaseStore*> CaseReader::storeFor(const QString& path)
{
    thread_local std::unique_ptr<CaseStore> store;
    if (store && store->info().path == path)
        return store.get();
    store.reset();
    Result<std::unique_ptr<CaseStore>> opened = CaseStore::open(path);
    if (!opened)
        return opened.error();
    store = std::move(*opened);
    return store.get();
}

} // namespace capaudit
