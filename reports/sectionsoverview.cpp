// SPDX-License-Identifier: GPL-3.0-or-later
// Cover, contents, executive summary, evidence inventory and allocation charts.
#include "analytics/assessment.h"
#include "reportcharts.h"
#include "reportformat.h"
#include "reportrenderer.h"
#include "reportsections.h"
#include "reporttext.h"
#include "util/timeutil.h"

#include <algorithm>

namespace capaudit::reports {

using analytics::Severity;
using Style = PageWriter::Style;

namespace {

const QList<Severity>& severitiesDescending()
{
    static const QList<Severity> s { Severity::Critical, Severity::High, Severity::Medium, Severity::Low,
        Severity::Info };
    return s;
}

QString verdictLabel(const QString& verdict)
{
    if (verdict == u"non-compliant")
        return ReportText::tr("Not compliant");
    if (verdict == u"findings")
        return ReportText::tr("Compliant with findings");
    if (verdict == u"not-assessed")
        return ReportText::tr("Not assessed");
    return ReportText::tr("Compliant");
}

} // namespace

QString SectionContext::evidenceLabel(const QString& digest) const
{
    const int n = evidenceNumber.value(digest);
    return n > 0 ? QStringLiteral("#%1 (%2)").arg(n).arg(shortDigest(digest)) : shortDigest(digest, 16);
}

void writeCover(SectionContext& c)
{
    const ReportData& d = c.data;
    // The first line of the report: whether verify-case found the case intact.
    const CaseIntegrity& integrity = d.integrity;
    if (!integrity.checked)
        c.pw.text(ReportText::tr("Case integrity: not verified"), Style::BodyBold, QColor(0x9a, 0x5b, 0x00));
    else if (integrity.intact)
        c.pw.text(ReportText::tr("Case integrity: intact (verify-case re-verified %1 bundles, %2 rows, %3 trail "
                                 "entries)")
                      .arg(integrity.bundles)
                      .arg(integrity.rows)
                      .arg(integrity.trailEntries),
            Style::BodyBold, QColor(0x2e, 0x6b, 0x30));
    else
        c.pw.text(ReportText::tr("CASE NOT INTACT: verify-case found %n problem(s); do not rely on this report. "
                                 "First: %1",
                      nullptr, integrity.problems)
                      .arg(integrity.firstProblems.value(0)),
            Style::BodyBold, QColor(0xb0, 0x1c, 0x1c));
    c.pw.spacer(56);
    c.pw.text(ReportText::tr("Compliance report"), Style::Title, QColor(0x2f, 0x4b, 0x6e));
    c.pw.text(d.caseName, Style::Subtitle);
    c.pw.spacer(6);
    c.pw.text(ReportText::tr("Audit of metered compute: evidence, compliance checks, billing, capacity and bids"),
        Style::Body, QColor(0x60, 0x60, 0x60));
    c.pw.spacer(28);
    c.pw.keyValues({
        { ReportText::tr("Case"), d.caseName },
        { ReportText::tr("Case ID"), d.caseId },
        { ReportText::tr("Engagement"), d.engagement.isEmpty() ? QStringLiteral("—") : d.engagement },
        { ReportText::tr("Reviewer"), d.reviewer.isEmpty() ? QStringLiteral("—") : d.reviewer },
        { ReportText::tr("Period"), formatPeriodText(d.period) },
        { ReportText::tr("Evidence covers"), formatPeriodText(d.evidencePeriod) },
        { ReportText::tr("Generated"), d.generatedAt },
        { ReportText::tr("CapAudit version"), d.version },
        { ReportText::tr("Classification"), d.confidentiality },
    });
    c.pw.spacer(6);
    c.pw.keyValues({ { ReportText::tr("Evidence digest"), d.evidenceDigest },
                       { ReportText::tr("Report manifest SHA-256"), d.manifestDigest } },
        130, true);
    c.pw.spacer(20);
    c.pw.text(ReportText::tr("The evidence digest is the SHA-256 of the sorted digests of every evidence bundle in "
                             "the case. The report manifest digest covers the case, that evidence, the policy, the "
                             "period and every option that changes the content of this report, but not the time it "
                             "was generated: regenerating the report from the same case with the same options "
                             "prints the same manifest digest. The manifest is reproduced in the appendix and written "
                             "beside the PDF."),
        Style::Small, QColor(0x60, 0x60, 0x60));
}

void writeContents(SectionContext& c, const QList<PageWriter::Heading>& headings)
{
    c.pw.newPage();
    c.pw.text(ReportText::tr("Contents"), Style::H1, QColor(0x2f, 0x4b, 0x6e));
    c.pw.spacer(8);
    for (const PageWriter::Heading& h : headings)
        c.pw.tocLine(h.level, h.text, h.page);
}

void writeSummary(SectionContext& c)
{
    const ReportData& d = c.data;
    const analytics::CheckReport& r = d.checks;
    c.pw.heading(1, sectionTitle(Section::Summary));
    int verified = 0, untrusted = 0;
    for (const EvidenceRow& e : d.evidence)
        (e.verdict == u"untrusted" ? untrusted : verified)++;
    const QMap<Severity, int> counts = r.countBySeverity();
    QStringList countText;
    for (Severity s : severitiesDescending())
        countText << QStringLiteral("%1 %2").arg(counts.value(s)).arg(severityLabel(s).toLower());
    // Each count is its own %n phrase, so English says "1 finding" and "2 findings" (resources/translations).
    const Period covered = d.period.end > 0 ? d.period : d.evidencePeriod;
    const QString when = covered.end > covered.start
        ? ReportText::tr("for the period %1").arg(formatPeriodText(covered))
        : ReportText::tr("for the whole case");
    c.pw.text(ReportText::tr("This report covers %1 and %2 (%3 verified, %4 signed by a signer outside the trust "
                             "store) %5. The compliance checks applied the policy \"%6\" and produced %7: %8.")
                  .arg(ReportText::tr("%n provider(s)", nullptr, int(d.verdicts.size())),
                      ReportText::tr("%n evidence bundle(s)", nullptr, int(d.evidence.size())),
                      QString::number(verified), QString::number(untrusted), when, r.policyName,
                      ReportText::tr("%n finding(s)", nullptr, int(r.findings.size())),
                      countText.join(QStringLiteral(", "))));
    c.pw.text(r.failed() ? ReportText::tr("Overall result: the evidence does NOT support the providers' claims in "
                                          "full. At least one finding reaches the policy's failing severity (%1).")
                               .arg(severityLabel(r.failingSeverity).toLower())
                         : ReportText::tr("Overall result: no finding reaches the policy's failing severity (%1).")
                               .arg(severityLabel(r.failingSeverity).toLower()),
        Style::BodyBold);

    c.pw.heading(2, ReportText::tr("Verdict per provider"));
    QList<PageWriter::Row> rows;
    for (const ProviderVerdict& v : d.verdicts) {
        QStringList cells { v.provider, verdictLabel(v.verdict) };
        for (Severity s : severitiesDescending())
            cells << QString::number(v.counts.value(s));
        rows.append(PageWriter::Row(cells));
        rows.append(PageWriter::Row::spanned(v.explanation, false));
    }
    QList<PageWriter::Column> cols { { ReportText::tr("Provider"), 2.2 }, { ReportText::tr("Verdict"), 2.6 } };
    for (Severity s : severitiesDescending())
        cols.append({ severityLabel(s), 1, false, Qt::AlignRight });
    c.pw.table(cols, rows);

    c.pw.heading(2, ReportText::tr("Key figures"));
    rows.clear();
    for (const analytics::ProviderFacts& p : r.providers) {
        for (auto it = p.classes.cbegin(); it != p.classes.cend(); ++it) {
            const analytics::ClassFacts& f = it.value();
            rows.append({ { p.provider, it.key(), formatNumber(f.committed, 0) + QLatin1Char(' ') + f.unit,
                formatNumber(f.deliveredMean, 1), formatNumber(f.allocatedUnitHours, 0),
                formatNumber(f.billedQuantity, 0), formatMoney(f.billedCost, p.currency),
                formatPercent(p.availability) } });
        }
    }
    c.pw.table({ { ReportText::tr("Provider"), 2 }, { ReportText::tr("Class"), 1.2 },
                   { ReportText::tr("Committed"), 1.6, false, Qt::AlignRight },
                   { ReportText::tr("Delivered (mean)"), 1.4, false, Qt::AlignRight },
                   { ReportText::tr("Allocated unit-h"), 1.6, false, Qt::AlignRight },
                   { ReportText::tr("Billed unit-h"), 1.6, false, Qt::AlignRight },
                   { ReportText::tr("Billed cost"), 2, false, Qt::AlignRight },
                   { ReportText::tr("Availability"), 1.4, false, Qt::AlignRight } },
        rows);

    c.pw.heading(2, ReportText::tr("Most serious findings"));
    if (r.findings.isEmpty()) {
        c.pw.text(ReportText::tr("The checks found nothing to report."));
        return;
    }
    const QList<analytics::Finding> serious = analytics::mostSeriousFindings(r, 8);
    const qsizetype shown = serious.size();
    for (const analytics::Finding& f : serious) {
        QString line = QStringLiteral("• [%1] %2").arg(severityLabel(f.severity), analytics::localizedTitle(f));
        if (!isMissing(f.amount) && f.amount != 0)
            line += ReportText::tr(" Amount at stake: %1.").arg(formatMoney(f.amount, f.currency));
        line += ReportText::tr(" (finding %1)").arg(f.id);
        c.pw.text(line, Style::Body, QColor(), 6);
    }
    if (r.findings.size() > shown)
        c.pw.text(
            ReportText::tr("%1 further findings are listed in the findings section.").arg(r.findings.size() - shown),
            Style::Small);
}

void writeEvidence(SectionContext& c)
{
    const ReportData& d = c.data;
    c.pw.heading(1, sectionTitle(Section::Evidence));
    c.pw.text(ReportText::tr("Every evidence bundle in the case, in import order. Each was verified when it was "
                             "imported (signature, certificate chain, payload digests) and is stored byte for byte; "
                             "the full SHA-256 digests identify the exact bytes examined."));
    QList<PageWriter::Row> rows;
    int n = 0;
    for (const EvidenceRow& e : d.evidence) {
        ++n;
        QString verdict = e.verdict;
        const std::optional<QDateTime> signedAt = parseTimestamp(e.signingTime);
        const QString signedText = signedAt ? formatDate(signedAt->toSecsSinceEpoch()) : e.signingTime;
        rows.append({ { QString::number(n), e.kind, e.provider, e.signerSubject, signedText, formatPeriodText(e.period),
            verdict, formatNumber(double(e.rows), 0) } });
        rows.append(PageWriter::Row::spanned(
            ReportText::tr("bundle SHA-256 %1\nsigner key SHA-256 %2 · %3")
                .arg(e.digest, e.signerFingerprint.isEmpty() ? QStringLiteral("—") : e.signerFingerprint,
                    e.signerAlgorithm),
            true));
    }
    c.pw.table({ { QStringLiteral("#"), 0.5, false, Qt::AlignRight }, { ReportText::tr("Kind"), 1.3 },
                   { ReportText::tr("Provider"), 1.6 }, { ReportText::tr("Signer"), 3.2 },
                   { ReportText::tr("Signed at"), 1.8 }, { ReportText::tr("Period"), 2.1 },
                   { ReportText::tr("Verdict"), 1.2 }, { ReportText::tr("Rows"), 1.1, false, Qt::AlignRight } },
        rows);
}

void writeAllocation(SectionContext& c)
{
    const ReportData& d = c.data;
    c.pw.heading(1, sectionTitle(Section::Allocation));
    c.pw.text(ReportText::tr("Tenants' allocated capacity stacked, with the capacity actually used, the total node "
                             "capacity reported by telemetry and the committed capacity from the signed "
                             "attestation. Charts are vector graphics drawn from the case data. %1")
                  .arg(d.chartDetailNote));
    if (d.allocation.isEmpty())
        c.pw.text(ReportText::tr("The case holds no telemetry for the selected providers and period."));
    for (const AllocationChart& chart : d.allocation) {
        c.pw.heading(2, ReportText::tr("%1 — %2").arg(chart.provider, chart.resourceClass), 245);
        const QStringList fonts = c.chartFonts;
        c.pw.box(235, [&chart, fonts](QPainter* p, const QRectF& r) { drawAllocationChart(p, r, chart, fonts); });
        const TimeSeries& s = chart.series;
        c.pw.text(ReportText::tr("Level of detail: %1, step %2 s, %3 points per line.")
                      .arg(seriesLevelName(s.level))
                      .arg(s.stepSeconds)
                      .arg(s.times.size()),
            Style::Small, QColor(0x60, 0x60, 0x60));
    }
}

} // namespace capaudit::reports
