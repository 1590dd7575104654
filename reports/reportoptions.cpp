// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportoptions.h"

#include <algorithm>

namespace capaudit::reports {

QList<Section> allSections()
{
    return { Section::Summary, Section::Evidence, Section::Allocation, Section::Findings, Section::Reconciliation,
        Section::Forecast, Section::Comparison, Section::Methodology, Section::Appendix };
}

QString sectionKey(Section section)
{
    switch (section) {
    case Section::Summary:
        return QStringLiteral("summary");
    case Section::Evidence:
        return QStringLiteral("evidence");
    case Section::Allocation:
        return QStringLiteral("allocation");
    case Section::Findings:
        return QStringLiteral("findings");
    case Section::Reconciliation:
        return QStringLiteral("reconciliation");
    case Section::Forecast:
        return QStringLiteral("forecast");
    case Section::Comparison:
        return QStringLiteral("comparison");
    case Section::Methodology:
        return QStringLiteral("methodology");
    case Section::Appendix:
        return QStringLiteral("appendix");
    }
    return {};
}

std::optional<Section> sectionFromKey(QStringView key)
{
    for (Section s : allSections())
        if (key.compare(sectionKey(s), Qt::CaseInsensitive) == 0)
            return s;
    return std::nullopt;
}

Result<QList<Section>> parseSections(const QString& text)
{
    QList<Section> out;
    QStringList unknown;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = part.trimmed();
        if (key == u"all") {
            out = allSections();
            continue;
        }
        if (const auto s = sectionFromKey(key)) {
            if (!out.contains(*s))
                out.append(*s);
        } else {
            unknown.append(key);
        }
    }
    if (!unknown.isEmpty()) {
        QStringList known;
        for (Section s : allSections())
            known.append(sectionKey(s));
        return Error(QString(), 0, QStringLiteral("sections"),
            QStringLiteral("unknown section(s) %1; known: %2")
                .arg(unknown.join(QStringLiteral(", ")), known.join(QStringLiteral(", "))));
    }
    if (out.isEmpty())
        return Error(QString(), 0, QStringLiteral("sections"), QStringLiteral("no section named"));
    std::sort(out.begin(), out.end());
    return out;
}

QString paperName(Paper paper)
{
    return paper == Paper::Letter ? QStringLiteral("letter") : QStringLiteral("a4");
}

std::optional<Paper> paperFromName(QStringView name)
{
    if (name.compare(u"a4", Qt::CaseInsensitive) == 0)
        return Paper::A4;
    if (name.compare(u"letter", Qt::CaseInsensitive) == 0)
        return Paper::Letter;
    return std::nullopt;
}

} // namespace capaudit::reports
