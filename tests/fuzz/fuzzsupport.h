// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the libFuzzer targets (tests/fuzz, docs/fuzzing.md).
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace capaudit::fuzz {

// A finding: prints WHAT and the detail, then aborts so libFuzzer saves the input as crash-<sha1>.
[[noreturn]] void fail(const char* what, const QString& detail = {});

// The input as a QByteArray (a deep copy: the fuzzer's buffer is exactly SIZE bytes, so ASan sees any overread).
QByteArray bytes(const uint8_t* data, size_t size);

// A per-process scratch directory (removed at exit) and a file in it holding BYTES; the same path every call, so
// a target that opens files does not fill the disk.
QString scratchDir();
QString writeScratch(const QString& name, const QByteArray& bytes);

// A QCoreApplication for code that needs one (QtConcurrent, translations). Idempotent.
void ensureApplication();

// Reads the input front to back: a few bytes drive choices, the rest is data.
class Input {
public:
    Input(const uint8_t* data, size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    uint8_t byte();
    quint64 below(quint64 bound); // in [0, bound), 0 when bound == 0
    QByteArray take(size_t n); // up to n bytes
    QByteArray rest();
    size_t remaining() const
    {
        return m_size - m_pos;
    }

private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
};

} // namespace capaudit::fuzz
