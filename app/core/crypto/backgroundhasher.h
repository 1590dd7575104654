// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/digest.h"

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace capaudit::crypto {

// The digest of a stream handed over in chunks, computed on a thread of its own: a parser that reads a bundle file
// through a BlobTee does not also spend its time hashing it (SHA-256 is a tenth of an exporter text import's parser
// thread, docs/performance.md). Chunks are implicitly shared, not copied; when kMaxQueued chunks wait, add() blocks,
// so memory stays bounded whatever the file size. Without a thread (a process out of threads) add() hashes at once.
class BackgroundHasher {
public:
    static constexpr size_t kMaxQueued = 4;

    explicit BackgroundHasher(HashAlgorithm algorithm = HashAlgorithm::Sha256);
    ~BackgroundHasher(); // waits for the chunks handed over, then ends the thread
    BackgroundHasher(const BackgroundHasher&) = delete;
    BackgroundHasher& operator=(const BackgroundHasher&) = delete;

    void add(QByteArray chunk);
    QByteArray finish(); // raw digest of every chunk added, in order; call once

private:
    void run();
    void stop();

    Hasher m_hasher; // touched by the thread only, while it runs
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_queue;
    bool m_closing = false;
    bool m_finished = false;
    std::thread m_thread;
};

} // namespace capaudit::crypto
