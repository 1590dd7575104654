// SPDX-License-Identifier: GPL-3.0-or-later
// No silent PASS: evidence that was offered but is not in the checked data, or is there only in part.
//  - evidence.integrity: a bundle that passed verification but failed to import (its payload or predicate could
//    not be parsed) is recorded only as an import-failed trail entry; its claims are absent from every other rule.
//  - telemetry.coverage: a class the provider committed to, for a period in which none of its telemetry reports
//    that class at all (the gap rule only sees gaps between samples that exist).
//  - billing.data-quality: FOCUS rows quarantined at import, and tolerated deviations, from the import's trail entry.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "ingest/dataquality.h"
#include "store/audittrail.h"
#include "store/sqlitedb.h"
#include "util/timeutil.h"

#include <QJsonArray>

namespace capaudit::analytics::detail {
namespace {

void reportFailedImports(CheckContext& c, const QList<TrailEntry>& trail)
{
    QSet<QString> stored, reported;
    for (const StoredBundle& b : std::as_const(c.bundles))
        stored.insert(b.digest);
    for (const TrailEntry& e : trail) {
        if (e.action != QLatin1String(trail::kImportFailed))
            continue;
        const QJsonObject error = e.details.value(QStringLiteral("error")).toObject();
        // This machine failed (a full disk, an I/O error): the attempt stays in the trail, but it says nothing about
        // the evidence. The bundle's absence still shows where its evidence is missing (coverage, reconciliation).
        if (error.value(QStringLiteral("local")).toBool())
            continue;
        const QString digest = e.details.value(QStringLiteral("digest")).toString();
        const QString path = e.details.value(QStringLiteral("path")).toString();
        const QString key = digest.isEmpty() ? path : digest;
        // Imported later after all (an I/O error that went away): the evidence is there.
        if ((!digest.isEmpty() && stored.contains(digest)) || reported.contains(key))
            continue;
        reported.insert(key);
        const QString file = error.value(QStringLiteral("file")).toString();
        const qint64 line = error.value(QStringLiteral("line")).toInteger();
        const QString field = error.value(QStringLiteral("field")).toString();
        const QString reason = error.value(QStringLiteral("reason")).toString();
        QString where = file;
        if (line > 0)
            where += QStringLiteral(" line %1").arg(line);
        if (!field.isEmpty())
            where += QStringLiteral(" (%1)").arg(field);
        Finding f;
        f.ruleId = QLatin1String(rules::kEvidenceIntegrity);
        f.provider = e.details.value(QStringLiteral("provider")).toString();
        f.say("evidence.import-failed",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "A verified %1 bundle could not be imported, so none of its evidence was checked: %2: %3"),
            { kindWord(e.details.value(QStringLiteral("kind")).toString()), marg(where), marg(reason) });
        f.evidence.append({ digest, file, line, line,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "import-failed, trail entry %1")).arg(e.seq) });
        f.details = { { QStringLiteral("subject"), key }, { QStringLiteral("path"), path },
            { QStringLiteral("file"), file }, { QStringLiteral("line"), line }, { QStringLiteral("field"), field },
            { QStringLiteral("reason"), reason }, { QStringLiteral("trailSeq"), e.seq },
            { QStringLiteral("verdict"), QStringLiteral("import-failed") } };
        // The provider is listed (report summary, comparison) even when this was its only evidence.
        if (!f.provider.isEmpty())
            c.facts(f.provider);
        c.add(f);
    }
}

Status reportUncoveredCommitments(CheckContext& c)
{
    sql::Database& db = c.store.database();
    sql::Statement* select = db.prepare("SELECT 1 FROM rollups r JOIN bundles b ON b.id = r.bundle "
                                        "JOIN resource_classes k ON k.id = r.resource "
                                        "WHERE b.kind = 'telemetry' AND r.level = 3600 AND r.provider = ? "
                                        "AND k.name = ? AND r.bucket >= ? AND r.bucket < ? LIMIT 1");
    if (!select)
        return db.lastError();
    for (const ProviderAttestation& a : std::as_const(c.attestations)) {
        QSet<QString> done;
        for (const CommitmentLine& line : a.commitments) {
            Period p = line.period.end > line.period.start ? line.period : a.period;
            if (c.options.period.end > c.options.period.start) {
                p.start = qMax(p.start, c.options.period.start);
                p.end = qMin(p.end, c.options.period.end);
            }
            if (p.end <= p.start || done.contains(line.resourceClass))
                continue;
            select->bind(1, a.providerId)
                .bindString(2, line.resourceClass)
                .bind(3, p.start - p.start % 3600)
                .bind(4, p.end);
            const bool seen = select->next();
            const bool failed = select->failed();
            select->reset();
            if (failed)
                return select->error();
            if (seen)
                continue;
            done.insert(line.resourceClass);
            Finding f;
            f.ruleId = QLatin1String(rules::kTelemetryCoverage);
            f.provider = a.provider;
            f.resourceClass = line.resourceClass;
            f.range = p;
            f.say("telemetry.no-telemetry-for-commitment",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 committed %2 %3 of %4 but no telemetry reports %4 between %5 and %6: the commitment cannot be "
                    "checked"),
                { marg(a.provider), marg(line.quantity), marg(line.unit), marg(line.resourceClass),
                    marg(formatUnixSeconds(p.start)), marg(formatUnixSeconds(p.end)) });
            f.expected = line.quantity;
            f.unit = line.unit;
            f.evidence.append({ a.bundleDigest, QString(), 0, 0,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attested commitment")) });
            f.details = { { QStringLiteral("subject"), QStringLiteral("no-telemetry/") + line.resourceClass } };
            // One level above a gap: nothing at all can be checked for this class, so check must not pass.
            c.add(f, -1);
        }
    }
    return Status::success();
}

void reportDataQuality(CheckContext& c, const QList<TrailEntry>& trail)
{
    QHash<qint64, const TrailEntry*> bySeq;
    for (const TrailEntry& e : trail)
        bySeq.insert(e.seq, &e);
    const bool reject = c.options.policy.rejectNonConformant();
    for (const StoredBundle& b : std::as_const(c.bundles)) {
        const TrailEntry* entry = bySeq.value(b.importSeq);
        if (b.kind != BundleKind::Billing || !entry)
            continue;
        const auto groups =
            DataQualityLog::groupsFromJson(entry->details.value(QStringLiteral("dataQuality")).toArray());
        for (const DataQualityLog::Group& g : groups) {
            Finding f;
            f.ruleId = QLatin1String(rules::kBillingDataQuality);
            f.provider = b.provider;
            const QString reason = g.examples.isEmpty() ? QString() : g.examples.first().reason;
            const QString lines = g.firstLine == g.lastLine
                ? QStringLiteral("line %1").arg(g.firstLine)
                : QStringLiteral("lines %1-%2").arg(g.firstLine).arg(g.lastLine);
            const QString outcome = !g.quarantine ? QStringLiteral("noted, rows kept")
                : reject                          ? QStringLiteral("the whole invoice is kept out of reconciliation")
                                                  : QStringLiteral("quarantined, kept out of reconciliation");
            f.say("billing.data-quality",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage", "%1 %2: %3 row(s) break %4 (%5; e.g. %6)"),
                { marg(g.file), marg(lines), marg(g.count), marg(g.rule), marg(outcome), marg(reason) });
            f.measured = double(g.count);
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "rows"));
            f.evidence.append({ b.digest, g.file, g.firstLine, g.lastLine,
                g.quarantine ? QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "quarantined rows"))
                             : QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows noted")) });
            QJsonArray examples;
            for (const DataQualityIssue& e : g.examples)
                examples.append(QStringLiteral("line %1: %2").arg(e.line).arg(e.reason));
            f.details = { { QStringLiteral("subject"),
                              b.digest + QLatin1Char('/') + g.file + QLatin1Char('/') + g.rule },
                { QStringLiteral("rule"), g.rule }, { QStringLiteral("column"), g.column },
                { QStringLiteral("rows"), g.count }, { QStringLiteral("firstLine"), g.firstLine },
                { QStringLiteral("lastLine"), g.lastLine }, { QStringLiteral("quarantine"), g.quarantine },
                { QStringLiteral("examples"), examples } };
            c.add(f, !g.quarantine ? 1 : reject ? -1 : 0);
        }
    }
}

} // namespace

Status runEvidenceGapRules(CheckContext& c)
{
    Result<QList<TrailEntry>> trail = c.store.trail();
    if (!trail)
        return trail.error();
    reportFailedImports(c, *trail);
    reportDataQuality(c, *trail);
    return reportUncoveredCommitments(c);
}

} // namespace capaudit::analytics::detail
