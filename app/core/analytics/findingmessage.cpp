// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/findingmessage.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace capaudit::analytics {
namespace {

constexpr char kMessageContext[] = "capaudit::FindingMessage";
constexpr char kWordContext[] = "capaudit::FindingWord";

QStringList argTexts(const QList<MessageArg>& args, bool translate)
{
    QStringList out;
    out.reserve(args.size());
    for (const MessageArg& a : args)
        out.append(
            translate && a.word ? QCoreApplication::translate(kWordContext, a.text.toUtf8().constData()) : a.text);
    return out;
}

// The bundle kinds, for lupdate: kindWord() hands them to the translation as words.
[[maybe_unused]] constexpr const char* kKindWords[] = { QT_TRANSLATE_NOOP("capaudit::FindingWord", "telemetry"),
    QT_TRANSLATE_NOOP("capaudit::FindingWord", "attestation"), QT_TRANSLATE_NOOP("capaudit::FindingWord", "billing"),
    QT_TRANSLATE_NOOP("capaudit::FindingWord", "invoice") };

constexpr char kNoteContext[] = "capaudit::EvidenceNote";

// The notes the rules fill in with .arg(): QCoreApplication::translate finds only the template, so localizedNote()
// recognises the filled-in note by these, in the order given (the first whole match wins). A rule that adds a note with
// a placeholder adds it here too (tst_translation::catalogueTextsAreTranslatedAtTheEdge tries some).
constexpr const char* kNoteTemplates[] = {
    QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "import-failed, trail entry %1"),
    QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "trail entry %1"),
    QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attestation signed %1"),
    QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "checkpoint '%1' size %2 root %3"),
    QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "independent meter: the %1 it saw"),
    QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "declared resolutionSeconds %1"),
};

struct NotePattern {
    const char* source;
    QRegularExpression match;
    QList<int> numbers; // the placeholder each capture stands for: a translation may reorder them, a template too
};

const QList<NotePattern>& notePatterns()
{
    static const QList<NotePattern> patterns = [] {
        QList<NotePattern> out;
        static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
        for (const char* source : kNoteTemplates) {
            // The template's text literally, each %n a lazy capture, anchored at both ends.
            const QString text = QString::fromUtf8(source);
            QString pattern = QStringLiteral("^");
            QList<int> numbers;
            qsizetype at = 0;
            for (auto it = placeholder.globalMatch(text); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                pattern += QRegularExpression::escape(text.mid(at, m.capturedStart() - at)) + QStringLiteral("(.*?)");
                numbers.append(m.captured(1).toInt());
                at = m.capturedEnd();
            }
            pattern += QRegularExpression::escape(text.mid(at)) + QLatin1Char('$');
            out.append({ source, QRegularExpression(pattern), numbers });
        }
        return out;
    }();
    return patterns;
}

} // namespace

QString localizedNote(const QString& note)
{
    if (note.isEmpty())
        return note;
    const QByteArray utf8 = note.toUtf8();
    const QString fixed = QCoreApplication::translate(kNoteContext, utf8.constData());
    if (fixed != note)
        return fixed;
    for (const NotePattern& p : notePatterns()) {
        const QRegularExpressionMatch m = p.match.match(note);
        if (!m.hasMatch())
            continue;
        // Arguments are evidence (a date, a digest) or a catalogue word ("capacity"), translated as findings' words.
        QStringList args(p.numbers.isEmpty() ? 0 : *std::max_element(p.numbers.begin(), p.numbers.end()));
        for (qsizetype i = 0; i < p.numbers.size(); ++i)
            args[p.numbers.at(i) - 1] =
                QCoreApplication::translate(kWordContext, m.captured(int(i) + 1).toUtf8().constData());
        return substitute(QCoreApplication::translate(kNoteContext, p.source), args);
    }
    return note;
}

QString localizedUnit(const QString& unit)
{
    return unit.isEmpty() ? unit : QCoreApplication::translate("capaudit::FindingUnit", unit.toUtf8().constData());
}

MessageArg kindWord(const QString& kind)
{
    return { kind, true };
}

QString substitute(const QString& templateText, const QStringList& args)
{
    QString out;
    out.reserve(templateText.size() + 64);
    auto digit = [&](qsizetype at) {
        return at < templateText.size() && templateText.at(at) >= u'0' && templateText.at(at) <= u'9'
            ? int(templateText.at(at).unicode() - u'0')
            : -1;
    };
    for (qsizetype i = 0; i < templateText.size(); ++i) {
        const QChar c = templateText.at(i);
        const int first = c == u'%' ? digit(i + 1) : -1;
        if (first > 0) {
            // %1..%99 as QString::arg reads them: two digits when they name an argument.
            const int second = digit(i + 2);
            if (second >= 0 && first * 10 + second <= args.size()) {
                out += args.at(first * 10 + second - 1);
                i += 2;
                continue;
            }
            if (first <= args.size()) {
                out += args.at(first - 1);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QString FindingMessage::english() const
{
    return substitute(text, argTexts(args, false));
}

QString FindingMessage::localized() const
{
    const QString translated = QCoreApplication::translate(kMessageContext, text.toUtf8().constData());
    return substitute(translated, argTexts(args, true));
}

QJsonObject FindingMessage::toJson() const
{
    QJsonArray list;
    for (const MessageArg& a : args)
        list.append(a.word ? QJsonValue(QJsonObject { { QStringLiteral("word"), a.text } }) : QJsonValue(a.text));
    return { { QStringLiteral("id"), id }, { QStringLiteral("text"), text }, { QStringLiteral("args"), list } };
}

FindingMessage FindingMessage::fromJson(const QJsonObject& json)
{
    FindingMessage m;
    m.id = json.value(QStringLiteral("id")).toString();
    m.text = json.value(QStringLiteral("text")).toString();
    for (const QJsonValue& v : json.value(QStringLiteral("args")).toArray())
        m.args.append(v.isObject() ? MessageArg { v.toObject().value(QStringLiteral("word")).toString(), true }
                                   : MessageArg { v.toString(), false });
    return m;
}

} // namespace capaudit::analytics
