// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/findingmessage.h"

#include <QJsonArray>

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

} // namespace

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
