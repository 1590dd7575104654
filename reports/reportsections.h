// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pagewriter.h"
#include "reportdata.h"

#include <QMap>

namespace capaudit::reports {

// What every section writer needs: the flow, the data, and the evidence inventory numbers that findings refer to.
struct SectionContext {
    PageWriter& pw;
    const ReportData& data;
    QStringList chartFonts;
    QMap<QString, int> evidenceNumber; // bundle digest -> row number in the inventory (1-based)
    QString evidenceLabel(const QString& digest) const; // "#3 (1a2b3c4d5e6f…)"
};

void writeCover(SectionContext& c);
void writeContents(SectionContext& c, const QList<PageWriter::Heading>& headings);
void writeSummary(SectionContext& c);
void writeEvidence(SectionContext& c);
void writeAllocation(SectionContext& c);
void writeFindings(SectionContext& c);
void writeReconciliation(SectionContext& c);
void writeThreeWayMatch(SectionContext& c); // inside the reconciliation chapter
void writeForecast(SectionContext& c);
void writeComparison(SectionContext& c);
void writeMethodology(SectionContext& c);
void writeAppendix(SectionContext& c);

} // namespace capaudit::reports
