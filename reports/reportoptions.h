// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace capaudit::reports {

// The report's optional sections, in report order. The cover and the table of contents are always present.
enum class Section {
    Summary,
    Evidence,
    Allocation,
    Findings,
    Reconciliation,
    Forecast,
    Comparison,
    Methodology,
    Appendix
};
QList<Section> allSections();
QString sectionKey(Section section); // "summary", "evidence", "allocation", …: the --sections spelling
std::optional<Section> sectionFromKey(QStringView key);
// "summary,findings" -> sections in report order; unknown names are an error naming them.
Result<QList<Section>> parseSections(const QString& text);

enum class Paper { A4, Letter };
QString paperName(Paper paper); // "a4", "letter"
std::optional<Paper> paperFromName(QStringView name);

struct ReportOptions {
    Period period; // {0, 0}: everything in the case
    QStringList providers; // empty: every provider in the case
    QList<Section> sections = allSections();
    QString reviewer;
    QString engagement; // engagement reference printed on the cover
    QString confidentiality = QStringLiteral("Confidential"); // marking in every page header
    Paper paper = Paper::A4;
    bool pdfa = false; // PDF/A-1b
    QString language = QStringLiteral("en"); // "en" or a loaded translation ("zh_CN"): recorded in the manifest
    QString signKeyPath; // PEM private key: writes OUTPUT.sig, a detached signature over the PDF bytes
    QString outputPath; // FILE.pdf
    QString policyPath; // empty: the case's saved policy document, else the built-in default policy

    bool has(Section section) const
    {
        return sections.contains(section);
    }
};

} // namespace capaudit::reports
