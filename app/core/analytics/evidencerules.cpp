// SPDX-License-Identifier: GPL-3.0-or-later
// evidence.integrity and evidence.assurance: judged from the stored verdicts and the trail of import attempts.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "store/audittrail.h"

#include <QJsonArray>

namespace capaudit::analytics::detail {
namespace {

QString firstReason(const QJsonObject& details, QString* check)
{
    const QJsonArray reasons = details.value(QStringLiteral("reasons")).toArray();
    if (reasons.isEmpty())
        return details.value(QStringLiteral("summary")).toString();
    const QJsonObject first = reasons.first().toObject();
    *check = first.value(QStringLiteral("check")).toString();
    return first.value(QStringLiteral("reason")).toString();
}

void reportAttempt(CheckContext& c, const TrailEntry& entry, bool rejected)
{
    Finding f;
    f.ruleId = QLatin1String(rules::kEvidenceIntegrity);
    f.provider = entry.details.value(QStringLiteral("provider")).toString();
    const QString digest = entry.details.value(QStringLiteral("digest")).toString();
    const QString path = entry.details.value(QStringLiteral("path")).toString();
    QString check;
    const QString reason = firstReason(entry.details, &check);
    const MessageArg kind = kindWord(entry.details.value(QStringLiteral("kind")).toString());
    if (rejected)
        f.say("evidence.rejected",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage", "A %1 bundle was rejected at import (%2): %3"),
            { kind, marg(check), marg(reason) });
    else
        f.say("evidence.untrusted-attempt",
            QT_TRANSLATE_NOOP(
                "capaudit::FindingMessage", "A %1 bundle's signer is not trusted; it was not imported (%2)"),
            { kind, marg(reason) });
    f.evidence.append({ digest, path, 0, 0,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "trail entry %1")).arg(entry.seq) });
    f.details = { { QStringLiteral("subject"), digest.isEmpty() ? path : digest }, { QStringLiteral("check"), check },
        { QStringLiteral("reason"), reason }, { QStringLiteral("trailSeq"), entry.seq },
        { QStringLiteral("path"), path },
        { QStringLiteral("verdict"), rejected ? QStringLiteral("rejected") : QStringLiteral("untrusted") } };
    if (!f.provider.isEmpty())
        ++c.facts(f.provider).bundlesRejected;
    c.add(f, rejected ? 0 : 1);
}

} // namespace

void runEvidenceRules(CheckContext& c)
{
    // Every provider with evidence gets facts, so the comparison lists it even without findings.
    for (const StoredBundle& b : std::as_const(c.bundles)) {
        ProviderFacts& facts = c.facts(b.provider);
        if (b.untrusted())
            ++facts.bundlesUntrusted;
        else
            ++facts.bundlesVerified;
    }

    Result<QList<TrailEntry>> trail = c.store.trail();
    QSet<QString> reported;
    if (trail) {
        for (const TrailEntry& e : std::as_const(*trail)) {
            const bool rejected = e.action == QLatin1String(trail::kImportRejected);
            const bool refused = e.action == QLatin1String(trail::kImportRefused);
            const QString digest = e.details.value(QStringLiteral("digest")).toString();
            const QString key = digest.isEmpty() ? e.details.value(QStringLiteral("path")).toString() : digest;
            // The same rejected bundle offered twice is one problem, not two.
            if ((rejected || refused) && !reported.contains(key)) {
                reported.insert(key);
                reportAttempt(c, e, rejected);
            }
        }
    }

    const bool untrustedIsFinding =
        c.options.policy.threshold(QLatin1String(rules::kEvidenceIntegrity), QStringLiteral("untrustedIsFinding"))
        > 0.5;
    QSet<QString> metered;
    for (const StoredBundle& b : std::as_const(c.bundles)) {
        if (b.kind == BundleKind::Telemetry && b.meter == QLatin1String("independent") && !b.untrusted())
            metered.insert(b.provider);
        if (!b.untrusted() || !untrustedIsFinding)
            continue;
        Finding f;
        f.ruleId = QLatin1String(rules::kEvidenceIntegrity);
        f.provider = b.provider;
        f.range = b.period;
        f.say("evidence.untrusted-imported",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "A %1 bundle was imported although its signer (%2) is not in the trust store"),
            { kindWord(bundleKindName(b.kind)), marg(b.signerSubject) });
        f.evidence.append({ b.digest, QString(), 0, 0,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "imported as untrusted")) });
        f.details = { { QStringLiteral("subject"), b.digest },
            { QStringLiteral("verdict"), QStringLiteral("untrusted") }, { QStringLiteral("signer"), b.signerSubject },
            { QStringLiteral("fingerprint"), b.signerFingerprint } };
        c.add(f, 1);
    }

    for (ProviderFacts& facts : c.report.providers) {
        facts.independentlyMetered = metered.contains(facts.provider);
        bool hasTelemetry = false;
        QString digest;
        for (const StoredBundle& b : std::as_const(c.bundles))
            if (b.provider == facts.provider && b.kind == BundleKind::Telemetry
                && b.meter == QLatin1String("provider")) {
                hasTelemetry = true;
                digest = b.digest;
            }
        if (facts.independentlyMetered || !hasTelemetry)
            continue;
        Finding f;
        f.ruleId = QLatin1String(rules::kEvidenceAssurance);
        f.provider = facts.provider;
        f.say("evidence.provider-signed-only",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1's telemetry is signed only by %1 itself; no independent meter corroborates it"),
            { marg(facts.provider) });
        f.evidence.append({ digest, QString(), 0, 0,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "latest provider-signed telemetry bundle")) });
        c.add(f);
    }
}

} // namespace capaudit::analytics::detail
