// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <type_traits>

namespace capaudit::analytics {

// One argument of a finding's sentence: evidence text (a name, a digest, a reason as the evidence states it), a
// number CapAudit formatted, or one of the catalogue's fixed words ("more", "node-weighted"), which is translated
// with the sentence.
struct MessageArg {
    QString text;
    bool word = false;
};

// A finding's sentence as a stable id, its English template and its arguments, so the GUI and the report can say it
// in the reader's language while the JSON keeps the English sentence (Finding::title) and the id. Templates are
// marked with QT_TRANSLATE_NOOP("capaudit::FindingMessage", …) where the rule writes them, words with
// QT_TRANSLATE_NOOP("capaudit::FindingWord", …); lupdate collects both (resources/CMakeLists.txt).
struct FindingMessage {
    QString id; // "meter.unavailable": stable, never translated
    QString text; // the English template, %1..%99
    QList<MessageArg> args;

    bool isEmpty() const
    {
        return id.isEmpty();
    }
    QString english() const;
    QString localized() const; // in the installed translation; English where it has none
    QJsonObject toJson() const;
    static FindingMessage fromJson(const QJsonObject& json);
};

inline MessageArg text(const QString& value)
{
    return { value, false };
}
inline MessageArg word(const char* english)
{
    return { QString::fromUtf8(english), true };
}
// Numbers formatted as QString::arg formats them: integers in full, doubles as %g, or with DECIMALS decimals.
template <typename T> MessageArg num(T value, int decimals = -1)
{
    if constexpr (std::is_integral_v<T>)
        return { QString::number(value), false };
    else
        return { decimals < 0 ? QStringLiteral("%1").arg(double(value))
                              : QStringLiteral("%1").arg(double(value), 0, 'f', decimals),
            false };
}

// One argument as QString::arg would have formatted it: text as is, integers in full, doubles as %g, or a double with
// QString::arg's width, format and precision. The rules pass their former .arg() arguments through these unchanged.
inline MessageArg marg(const QString& value)
{
    return { value, false };
}
inline MessageArg marg(QLatin1StringView value)
{
    return { QString(value), false };
}
inline MessageArg marg(QChar value)
{
    return { QString(value), false };
}
template <typename T>
requires std::is_arithmetic_v<T> MessageArg marg(T value)
{
    if constexpr (std::is_integral_v<T>)
        return { QString::number(value), false };
    else
        return { QStringLiteral("%1").arg(double(value)), false };
}
inline MessageArg marg(double value, int fieldWidth, char format, int precision)
{
    return { QStringLiteral("%1").arg(value, fieldWidth, format, precision), false };
}

// A bundle kind ("telemetry", "attestation", "billing", "invoice") as a translated word; any other text stays as it is.
MessageArg kindWord(const QString& kind);

// An evidence reference's note (EvidenceRef::note) in the installed translation. The rules write the English note,
// marked with QT_TRANSLATE_NOOP("capaudit::EvidenceNote", …), and the JSON keeps it: a fixed note is looked up as it
// is, a note with a number or a name in it ("trail entry 7") is matched against the notes with placeholders
// (findingmessage.cpp), so a note read back from an older JSON is translated too. A note it does not know stays as it
// is.
QString localizedNote(const QString& note);
// A finding's unit (Finding::unit) in the installed translation: the rules' own units ("rows", "hours billed twice")
// are marked with QT_TRANSLATE_NOOP("capaudit::FindingUnit", …); units taken from the evidence ("GPU", "EUR") stay.
QString localizedUnit(const QString& unit);

// %1..%99 of TEMPLATE replaced by ARGS in one pass, so an argument that itself contains "%2" stays as it is.
QString substitute(const QString& templateText, const QStringList& args);

} // namespace capaudit::analytics
