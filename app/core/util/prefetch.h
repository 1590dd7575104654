// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <system_error>
#include <thread>

namespace capaudit {

// Computes a value on a thread of its own from construction on, for whoever take()s it later: I/O-bound reads that
// can overlap other work. When no thread can be started (a process out of memory or threads) the value is computed
// by take() itself, so a Prefetch never blocks forever (docs/fuzzing.md, the thread-pool hang). The destructor waits
// for a running computation: PRODUCE must only use what outlives the Prefetch.
template <typename T> class Prefetch {
public:
    explicit Prefetch(std::function<T()> produce)
        : m_produce(std::move(produce))
    {
        try {
            m_thread = std::thread([this] { m_value.emplace(m_produce()); });
        } catch (const std::system_error&) {
            // computed on demand by take()
        }
    }
    Prefetch(const Prefetch&) = delete;
    Prefetch& operator=(const Prefetch&) = delete;
    ~Prefetch()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    // The value; call once.
    T take()
    {
        if (m_thread.joinable())
            m_thread.join();
        if (!m_value)
            m_value.emplace(m_produce());
        return std::move(*m_value);
    }

private:
    std::function<T()> m_produce;
    std::optional<T> m_value;
    std::thread m_thread;
};

} // namespace capaudit
