// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/parallel.h"

#include <QThread>

#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace capaudit {

void parallelFor(qsizetype count, int maxThreads, const std::function<void(qsizetype)>& work)
{
    std::atomic<qsizetype> next { 0 };
    auto drain = [&] {
        for (qsizetype i = next++; i < count; i = next++)
            work(i);
    };
    const int threads = int(qMin<qsizetype>(count, maxThreads > 0 ? maxThreads : QThread::idealThreadCount()));
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t) {
        try {
            helpers.emplace_back(drain);
        } catch (const std::system_error&) {
            break; // no more threads to be had: the ones running and the caller finish the work
        }
    }
    drain();
    for (std::thread& helper : helpers)
        helper.join();
}

} // namespace capaudit
