// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/backgroundhasher.h"

#include <system_error>

namespace capaudit::crypto {

BackgroundHasher::BackgroundHasher(HashAlgorithm algorithm)
    : m_hasher(algorithm)
{
    try {
        m_thread = std::thread([this] { run(); });
    } catch (const std::system_error&) {
        // add() hashes on the caller's thread
    }
}

BackgroundHasher::~BackgroundHasher()
{
    stop();
}

void BackgroundHasher::add(QByteArray chunk)
{
    if (chunk.isEmpty())
        return;
    if (!m_thread.joinable()) {
        m_hasher.add(chunk);
        return;
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < kMaxQueued; });
    m_queue.push_back(std::move(chunk));
    m_changed.notify_all();
}

void BackgroundHasher::run()
{
    for (;;) {
        QByteArray chunk;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
            if (m_queue.empty())
                return; // closing, and every chunk is hashed
            chunk = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
        }
        m_hasher.add(chunk);
    }
}

void BackgroundHasher::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

QByteArray BackgroundHasher::finish()
{
    Q_ASSERT(!m_finished);
    m_finished = true;
    stop(); // the join orders the thread's last add() before this read
    return m_hasher.finish();
}

} // namespace capaudit::crypto
