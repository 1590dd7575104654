// SPDX-License-Identifier: GPL-3.0-or-later
// Findings, billing reconciliation, capacity forecasts and bid comparison.
#include "analytics/comparison.h"
#include "analytics/rulecatalog.h"
#include "reportcharts.h"
#include "reportformat.h"
#include "reportrenderer.h"
#include "reportsections.h"
#include "reporttext.h"

namespace capaudit::reports {

using analytics::Severity;
using Style = PageWriter::Style;

namespace {

QString scopeOf(const analytics::Finding& f)
{
    QStringList parts;
    if (!f.provider.isEmpty())
        parts << ReportText::tr("provider %1").arg(f.provider);
    if (!f.node.isEmpty())
        parts << ReportText::tr("node %1").arg(f.node);
    if (!f.tenant.isEmpty())
        parts << ReportText::tr("tenant %1").arg(f.tenant);
    if (!f.resourceClass.isEmpty())
        parts << ReportText::tr("class %1").arg(f.resourceClass);
    if (!f.region.isEmpty())
        parts << ReportText::tr("region %1").arg(f.region);
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(", "));
}

QString measuredText(const analytics::Finding& f)
{
    if (isMissing(f.measured) && isMissing(f.expected))
        return QStringLiteral("—");
    return ReportText::tr("%1 measured, %2 expected %3")
        .arg(formatNumber(f.measured, 3), formatNumber(f.expected, 3), analytics::localizedUnit(f.unit))
        .trimmed();
}

QString evidenceText(const SectionContext& c, const analytics::Finding& f)
{
    QStringList refs;
    for (const analytics::EvidenceRef& e : f.evidence) {
        QString ref = ReportText::tr("bundle %1").arg(c.evidenceLabel(e.bundleDigest));
        if (!e.file.isEmpty())
            ref += QLatin1Char(' ') + e.file;
        if (e.firstLine > 0)
            ref += e.lastLine > e.firstLine ? ReportText::tr(" lines %1–%2").arg(e.firstLine).arg(e.lastLine)
                                            : ReportText::tr(" line %1").arg(e.firstLine);
        if (!e.note.isEmpty())
            ref += QStringLiteral(" (") + analytics::localizedNote(e.note) + QLatin1Char(')');
        refs << ref;
    }
    return refs.isEmpty() ? QStringLiteral("—") : refs.join(QLatin1Char('\n'));
}

} // namespace

void writeFindings(SectionContext& c)
{
    const analytics::CheckReport& r = c.data.checks;
    c.pw.heading(1, sectionTitle(Section::Findings));
    c.pw.text(ReportText::tr("Every finding of the compliance checks, grouped by severity. A finding's ID is derived "
                             "from its rule and scope, so it stays the same when the report is regenerated. Evidence "
                             "references name the bundle (number in the evidence inventory and digest), the file in "
                             "it and the source lines."));
    if (r.findings.isEmpty())
        c.pw.text(ReportText::tr("No findings."));
    for (Severity s : { Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info }) {
        QList<const analytics::Finding*> group;
        for (const analytics::Finding& f : r.findings)
            if (f.severity == s)
                group.append(&f);
        if (group.isEmpty())
            continue;
        c.pw.heading(2, ReportText::tr("%1 (%2)").arg(severityLabel(s)).arg(group.size()), 130);
        for (const analytics::Finding* f : std::as_const(group)) {
            c.pw.ensureSpace(c.pw.pt(120)); // the title never sits alone at the foot of a page
            c.pw.text(analytics::localizedTitle(*f), Style::BodyBold);
            const analytics::RuleInfo* rule = analytics::findRule(f->ruleId);
            QList<QPair<QString, QString>> rows {
                { ReportText::tr("Finding ID"), f->id },
                { ReportText::tr("Rule"),
                    rule ? QStringLiteral("%1 (%2)").arg(f->ruleId, analytics::localizedTitle(*rule)) : f->ruleId },
                { ReportText::tr("Scope"), scopeOf(*f) },
                { ReportText::tr("Period"), formatPeriodText(f->range) },
                { ReportText::tr("Measured vs expected"), measuredText(*f) },
            };
            if (!isMissing(f->amount))
                rows.append({ ReportText::tr("Amount"), formatMoney(f->amount, f->currency) });
            rows.append({ ReportText::tr("Evidence"), evidenceText(c, *f) });
            c.pw.keyValues(rows, 125);
        }
    }
}

void writeReconciliation(SectionContext& c)
{
    const analytics::CheckReport& r = c.data.checks;
    c.pw.heading(1, sectionTitle(Section::Reconciliation));
    c.pw.text(ReportText::tr("Billed usage (FOCUS rows of category Usage) against the allocation the provider's own "
                             "meter recorded over the same charge periods, per invoice, tenant and resource class. "
                             "A positive difference means more was billed than measured; the amount prices it at the "
                             "contract's unit price. Rows no measured delivery accounts for (adjustments, purchases, "
                             "taxes, credits, usage without tenant or quantity) are listed with their reason in the "
                             "class column and their billed cost as the amount."));
    if (r.reconciliation.isEmpty()) {
        c.pw.text(ReportText::tr("The case holds no billing evidence for the selected providers and period."));
        writeThreeWayMatch(c);
        return;
    }
    QList<PageWriter::Row> rows;
    for (const analytics::ReconciliationLine& l : r.reconciliation) {
        PageWriter::Row row(
            // An unreconciled line names its reason where the class would be ("Tax", "Usage without tenant").
            QStringList { l.provider, l.invoiceId, l.tenant, l.status == u"unreconciled" ? l.reason : l.resourceClass,
                formatNumber(l.billedQuantity, 1), formatNumber(l.measuredQuantity, 1), formatNumber(l.difference, 1),
                formatNumber(l.unitPrice, 4), formatMoney(l.amount, l.currency),
                l.withinTolerance ? ReportText::tr("yes") : ReportText::tr("NO") });
        if (!l.withinTolerance)
            row.background = QColor(0xfb, 0xe3, 0xe3);
        rows.append(row);
    }
    c.pw.table(
        { { ReportText::tr("Provider"), 1.6 }, { ReportText::tr("Invoice"), 1.7 }, { ReportText::tr("Tenant"), 1.5 },
            { ReportText::tr("Class"), 1 }, { ReportText::tr("Billed unit-h"), 1.4, false, Qt::AlignRight },
            { ReportText::tr("Measured unit-h"), 1.4, false, Qt::AlignRight },
            { ReportText::tr("Difference"), 1.3, false, Qt::AlignRight },
            { ReportText::tr("Unit price"), 1.1, false, Qt::AlignRight },
            { ReportText::tr("Amount"), 1.6, false, Qt::AlignRight }, { ReportText::tr("Within tolerance"), 1.1 } },
        rows);
    writeThreeWayMatch(c);
}

void writeForecast(SectionContext& c)
{
    const ReportData& d = c.data;
    c.pw.heading(1, sectionTitle(Section::Forecast));
    c.pw.text(ReportText::tr("Demand (allocated capacity) forecast per provider and resource class, with the "
                             "forecast band and the usable capacity. The dates mark when the forecast mean and the "
                             "upper band cross the usable capacity; the upper-band date is the conservative one."));
    if (d.forecasts.isEmpty())
        c.pw.text(
            d.forecastNote.isEmpty() ? ReportText::tr("No forecast could be made from the evidence.") : d.forecastNote);
    for (const ForecastChart& f : d.forecasts) {
        c.pw.heading(2, ReportText::tr("%1 — %2").arg(f.provider, f.resourceClass), 300);
        const QStringList fonts = c.chartFonts;
        c.pw.box(215, [&f, fonts](QPainter* p, const QRectF& r) { drawForecastChart(p, r, f, fonts); });
        c.pw.keyValues({
            { ReportText::tr("Model"), f.model },
            { ReportText::tr("Parameters"), f.parameters },
            { ReportText::tr("Usable capacity"), formatNumber(f.capacity, 1) + QLatin1Char(' ') + f.unit },
            { ReportText::tr("Exhaustion (mean)"),
                f.exhaustionMean > 0 ? formatDate(f.exhaustionMean) : ReportText::tr("not within the horizon") },
            { ReportText::tr("Exhaustion (upper band)"),
                f.exhaustionUpper > 0 ? formatDate(f.exhaustionUpper) : ReportText::tr("not within the horizon") },
        });
    }
}

void writeComparison(SectionContext& c)
{
    const ComparisonData& k = c.data.comparison;
    c.pw.heading(1, sectionTitle(Section::Comparison));
    if (!k.available) {
        c.pw.text(k.note.isEmpty() ? ReportText::tr("No bid comparison is available for this case.") : k.note);
        return;
    }
    c.pw.text(ReportText::tr("Providers compared on the criteria below. Each value is scored 0–100 against the best "
                             "and worst offer; the total is the weighted sum of the scores. Values are shown with "
                             "their score in brackets."));
    if (!k.note.isEmpty())
        c.pw.text(k.note, Style::Small);
    QList<PageWriter::Column> cols { { ReportText::tr("Criterion"), 3 },
        { ReportText::tr("Weight"), 1, false, Qt::AlignRight } };
    for (const QString& p : k.providers)
        cols.append({ p, 2, false, Qt::AlignRight });
    QList<PageWriter::Row> rows;
    for (const ComparisonCriterion& cr : k.criteria) {
        // The data keeps the English title for the exports; the reader gets it in the report's language.
        const QString title = analytics::localizedCriterionTitle(cr.id, cr.title);
        QStringList cells { cr.unit.isEmpty() ? title : QStringLiteral("%1 (%2)").arg(title, cr.unit),
            formatPercent(cr.weight, 0) };
        for (int i = 0; i < k.providers.size(); ++i)
            cells << QStringLiteral("%1 (%2)").arg(
                formatNumber(cr.values.value(i, kMissing), 2), formatNumber(cr.scores.value(i, kMissing), 0));
        rows.append(PageWriter::Row(cells));
    }
    QStringList totals { ReportText::tr("Weighted score"), formatPercent(1.0, 0) };
    for (int i = 0; i < k.providers.size(); ++i)
        totals << formatNumber(k.totals.value(i, kMissing), 1);
    PageWriter::Row totalRow(totals);
    totalRow.background = QColor(0xe4, 0xea, 0xf2);
    rows.append(totalRow);
    c.pw.table(cols, rows);
    c.pw.keyValues({ { ReportText::tr("Ranking"), k.ranking }, { ReportText::tr("Sensitivity"), k.sensitivity } });
    if (!k.weightsDigest.isEmpty())
        c.pw.keyValues({ { ReportText::tr("Weights digest"), k.weightsDigest } }, 130, true);
}

} // namespace capaudit::reports
