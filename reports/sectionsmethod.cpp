// SPDX-License-Identifier: GPL-3.0-or-later
// Methodology and appendix: how every number was obtained, and the provenance of the report itself.
#include "analytics/rulecatalog.h"
#include "reportformat.h"
#include "reportrenderer.h"
#include "reportsections.h"
#include "reporttext.h"

#include <QJsonArray>

namespace capaudit::reports {

using Style = PageWriter::Style;

namespace {

QString jsonValueText(const QJsonValue& v)
{
    if (v.isDouble())
        return formatNumber(v.toDouble(), v.toDouble() == double(qint64(v.toDouble())) ? 0 : 4);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isString())
        return v.toString();
    return QStringLiteral("—");
}

} // namespace

void writeMethodology(SectionContext& c)
{
    const ReportData& d = c.data;
    c.pw.heading(1, sectionTitle(Section::Methodology));
    c.pw.heading(2, ReportText::tr("Policy"));
    c.pw.keyValues({ { ReportText::tr("Policy"), d.checks.policyName },
        { ReportText::tr("Failing severity"), severityLabel(d.checks.failingSeverity) },
        { ReportText::tr("Samples scanned"), formatNumber(double(d.checks.samplesScanned), 0) },
        { ReportText::tr("Billing rows scanned"), formatNumber(double(d.checks.billingRowsScanned), 0) } });
    c.pw.keyValues({ { ReportText::tr("Policy digest"), d.checks.policyDigest } }, 130, true);
    c.pw.text(ReportText::tr("The policy digest is the SHA-256 of the policy's canonical JSON with every threshold "
                             "filled in, so it identifies every value the checks used."),
        Style::Small);

    const QJsonObject rulesJson = d.policy.value(QStringLiteral("rules")).toObject();
    for (const analytics::RuleInfo& rule : analytics::ruleCatalog()) {
        c.pw.heading(2, QStringLiteral("%1 (%2)").arg(analytics::localizedTitle(rule), rule.id));
        const QJsonObject rp = rulesJson.value(rule.id).toObject();
        const bool enabled = rp.value(QStringLiteral("enabled")).toBool(true);
        const QString severity =
            rp.value(QStringLiteral("severity")).toString(analytics::severityName(rule.defaultSeverity));
        c.pw.text(enabled ? ReportText::tr("Enabled; findings at severity %1.").arg(severity)
                          : ReportText::tr("Disabled by the policy: this rule did not run."),
            Style::BodyBold);
        c.pw.text(analytics::localizedMethod(rule));
        if (rule.thresholds.isEmpty())
            continue;
        const QJsonObject thresholds = rp.value(QStringLiteral("thresholds")).toObject();
        QList<PageWriter::Row> rows;
        for (const analytics::ThresholdInfo& t : rule.thresholds) {
            const QJsonValue used = thresholds.value(t.key);
            rows.append({ { t.key, used.isUndefined() ? formatNumber(t.defaultValue, 4) : jsonValueText(used),
                formatNumber(t.defaultValue, 4), analytics::localizedMeaning(t) } });
        }
        c.pw.table({ { ReportText::tr("Threshold"), 2.2 }, { ReportText::tr("Value used"), 1.2, false, Qt::AlignRight },
                       { ReportText::tr("Default"), 1.1, false, Qt::AlignRight }, { ReportText::tr("Meaning"), 5 } },
            rows);
    }

    c.pw.heading(2, ReportText::tr("Forecast models"));
    if (d.forecasts.isEmpty()) {
        c.pw.text(d.forecastNote.isEmpty() ? ReportText::tr("No forecast was made.") : d.forecastNote);
    } else {
        QList<PageWriter::Row> rows;
        for (const ForecastChart& f : d.forecasts)
            rows.append({ { f.provider, f.resourceClass, f.model, f.parameters } });
        c.pw.table({ { ReportText::tr("Provider"), 1.5 }, { ReportText::tr("Class"), 1 },
                       { ReportText::tr("Model"), 2 }, { ReportText::tr("Parameters"), 4 } },
            rows);
    }

    c.pw.heading(2, ReportText::tr("Charts and level of detail"));
    c.pw.text(d.chartDetailNote);
    c.pw.text(ReportText::tr("Charts are drawn as vector graphics by QCustomPlot with adaptive sampling: where a line "
                             "holds more points than the chart is wide, only the extremes per horizontal position are "
                             "drawn, so zooming into the PDF does not show every stored value. The case file holds "
                             "them all."));
}

void writeAppendix(SectionContext& c)
{
    const ReportData& d = c.data;
    const TrailSummary& t = d.trail;
    c.pw.heading(1, sectionTitle(Section::Appendix));
    c.pw.heading(2, ReportText::tr("Audit trail"));
    c.pw.text(ReportText::tr("Every action on the case is an entry of a hash chain: each entry's hash covers the "
                             "previous hash and the entry's content, so changing or removing any entry breaks every "
                             "later link. The head hash below identifies the whole trail as it stood when this "
                             "report was generated (the export itself is recorded as the next entry)."));
    c.pw.keyValues({ { ReportText::tr("Entries"), QString::number(t.entries) },
        { ReportText::tr("First entry"), t.firstTime }, { ReportText::tr("Last entry"), t.lastTime },
        { ReportText::tr("Chain"),
            t.chainIntact ? ReportText::tr("links intact (every hash recomputed)")
                          : ReportText::tr("BROKEN: %1").arg(t.chainProblem) },
        { ReportText::tr("Case (verify-case)"),
            !d.integrity.checked     ? ReportText::tr("not verified")
                : d.integrity.intact ? ReportText::tr("intact: every bundle re-verified, every stored fact re-derived")
                                     : ReportText::tr("NOT INTACT: %n problem(s)", nullptr, d.integrity.problems) } });
    for (const QString& problem : d.integrity.firstProblems)
        c.pw.text(problem, Style::Small, QColor(0xb0, 0x1c, 0x1c));
    c.pw.keyValues({ { ReportText::tr("Chain head hash"), t.headHash } }, 130, true);
    QList<PageWriter::Row> rows;
    for (auto it = t.actions.cbegin(); it != t.actions.cend(); ++it)
        rows.append({ { it.key(), QString::number(it.value()) } });
    c.pw.table({ { ReportText::tr("Action"), 4 }, { ReportText::tr("Entries"), 1, false, Qt::AlignRight } }, rows);
    if (!t.recent.isEmpty()) {
        c.pw.heading(2, ReportText::tr("Latest trail entries"));
        rows.clear();
        for (const TrailEntry& e : t.recent)
            rows.append({ { QString::number(e.seq), e.time, e.user, e.action, shortDigest(e.hash, 16) } });
        c.pw.table({ { ReportText::tr("Seq"), 0.7, false, Qt::AlignRight }, { ReportText::tr("Time"), 2.6 },
                       { ReportText::tr("User"), 1.3 }, { ReportText::tr("Action"), 2.4 },
                       { ReportText::tr("Hash"), 2.2, true } },
            rows);
    }
    c.pw.heading(2, ReportText::tr("Report manifest"));
    c.pw.text(ReportText::tr("The canonical form of this manifest (compact JSON, keys sorted, UTF-8) hashes to the "
                             "report manifest digest; the same file is written beside the PDF."));
    c.pw.keyValues({ { ReportText::tr("Manifest SHA-256"), d.manifestDigest } }, 130, true);
    c.pw.text(d.manifestJson, Style::Mono);
}

} // namespace capaudit::reports
