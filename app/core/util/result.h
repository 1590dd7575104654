// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace capaudit {

// Every failure an auditor can see names where it happened (file, line, field) and why.
struct Error {
    QString file; // file or bundle path, or empty
    qint64 line = 0; // 1-based line number, 0 when not applicable
    QString field; // column, JSON pointer or check name, may be empty
    QString reason; // plain-language cause
    // The cause is this machine, not the input: a full disk, an I/O error, no memory or file handles, a case another
    // process holds. Such a failure says nothing about the evidence, so it is never held against a provider.
    bool local = false;

    Error() = default;
    explicit Error(QString why)
        : reason(std::move(why))
    {
    }
    Error(QString where, QString why)
        : file(std::move(where))
        , reason(std::move(why))
    {
    }
    Error(QString where, qint64 lineNo, QString fieldName, QString why)
        : file(std::move(where))
        , line(lineNo)
        , field(std::move(fieldName))
        , reason(std::move(why))
    {
    }

    Error&& markedLocal(bool isLocal = true) &&
    {
        local = isLocal;
        return std::move(*this);
    }

    // "usage.csv:12: field 'used': not a number"
    QString toString() const
    {
        QString out = file;
        if (line > 0)
            out += QLatin1Char(':') + QString::number(line);
        if (!field.isEmpty())
            out += (out.isEmpty() ? QString() : QStringLiteral(": ")) + QStringLiteral("field '%1'").arg(field);
        if (!out.isEmpty())
            out += QStringLiteral(": ");
        return out + reason;
    }
};

// A value or an Error. std::expected is C++23; this is the small subset we need.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const
    {
        return m_value.has_value();
    }
    explicit operator bool() const
    {
        return ok();
    }
    const T& value() const&
    {
        return *m_value;
    }
    T& value() &
    {
        return *m_value;
    }
    T&& value() &&
    {
        return std::move(*m_value);
    }
    const T* operator->() const
    {
        return &*m_value;
    }
    T* operator->()
    {
        return &*m_value;
    }
    const T& operator*() const
    {
        return *m_value;
    }
    T& operator*()
    {
        return *m_value;
    }
    const Error& error() const
    {
        return m_error;
    }

private:
    std::optional<T> m_value;
    Error m_error;
};

// Result for operations that return nothing but can fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {
    }
    static Status success()
    {
        return {};
    }
    bool ok() const
    {
        return !m_failed;
    }
    explicit operator bool() const
    {
        return ok();
    }
    const Error& error() const
    {
        return m_error;
    }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace capaudit
