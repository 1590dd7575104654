// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <functional>

namespace capaudit {

// Runs WORK(i) for every i in [0, COUNT) on up to MAXTHREADS threads (0: one per core), the calling thread among
// them, and returns when all are done. Unlike QtConcurrent's pool, which waits forever for a worker whose thread
// could not be created (seen when the process runs out of address space: tst_faultinjection), the caller always
// works through the indices itself, so a thread that cannot start only costs speed. WORK must be thread-safe.
void parallelFor(qsizetype count, int maxThreads, const std::function<void(qsizetype)>& work);

} // namespace capaudit
