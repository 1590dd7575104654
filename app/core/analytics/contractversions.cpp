// SPDX-License-Identifier: GPL-3.0-or-later
// sovereignty.jurisdiction and attestation.versions: the contract as every version of the attestation states it.
// A provider can re-issue its attestation at will, and every re-issue verifies; what a later version says never
// erases what an earlier one (in force at the time) said, and a restatement that weakens the contract is itself a
// finding naming both bundles.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit::analytics::detail {
namespace {

bool overlaps(const Period& a, const Period& b)
{
    return a.start < b.end && b.start < a.end;
}

// Versions whose contract period overlaps the checked period (all versions when none is set), in signing order.
QList<const ProviderAttestation*> coveringVersions(const CheckContext& c, const QList<ProviderAttestation>& versions)
{
    QList<const ProviderAttestation*> out;
    const Period& checked = c.options.period;
    for (const ProviderAttestation& a : versions)
        if (checked.end <= checked.start || overlaps(a.period, checked))
            out.append(&a);
    return out;
}

QString shortDigest(const QString& digest)
{
    return digest.section(QLatin1Char(':'), -1).left(12);
}

QString day(qint64 t)
{
    return formatUnixSeconds(t);
}

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

// What VERSION changes against PREVIOUS that weakens the contract for the buyer or moves what was attested. Adding
// nodes or raising a commitment is not listed: only what a provider gains by.
QStringList weakenedTerms(const ProviderAttestation& previous, const ProviderAttestation& version)
{
    QStringList changes;
    if (version.contractId != previous.contractId)
        changes.append(QStringLiteral("contract id %1 -> %2").arg(previous.contractId, version.contractId));
    if (version.currency != previous.currency)
        changes.append(QStringLiteral("currency %1 -> %2").arg(previous.currency, version.currency));
    if (version.period.start > previous.period.start || version.period.end < previous.period.end)
        changes.append(QStringLiteral("contract period %1..%2 -> %3..%4")
                           .arg(day(previous.period.start), day(previous.period.end), day(version.period.start),
                               day(version.period.end)));
    if (!isMissing(previous.availabilityTarget)
        && (isMissing(version.availabilityTarget) || version.availabilityTarget < previous.availabilityTarget - 1e-12))
        changes.append(QStringLiteral("SLA availability target %1 % -> %2")
                           .arg(previous.availabilityTarget * 100, 0, 'f', 3)
                           .arg(isMissing(version.availabilityTarget)
                                   ? QStringLiteral("none")
                                   : QString::number(version.availabilityTarget * 100, 'f', 3) + QStringLiteral(" %")));
    QStringList added, removed;
    for (const QString& j : version.allowedJurisdictions)
        if (!previous.allowedJurisdictions.contains(j))
            added.append(QStringLiteral("+") + j);
    for (const QString& j : previous.allowedJurisdictions)
        if (!version.allowedJurisdictions.contains(j))
            removed.append(QStringLiteral("-") + j);
    if (!added.isEmpty() || !removed.isEmpty())
        changes.append(QStringLiteral("allowed jurisdictions %1").arg((added + removed).join(QLatin1Char(' '))));

    auto scope = [](const CommitmentLine& l) {
        return l.region.isEmpty() ? QStringLiteral("%1 (provider-wide)").arg(l.resourceClass)
                                  : QStringLiteral("%1 in %2").arg(l.resourceClass, l.region);
    };
    for (const CommitmentLine& old : previous.commitments) {
        const auto same = std::find_if(version.commitments.begin(), version.commitments.end(),
            [&](const CommitmentLine& l) { return l.resourceClass == old.resourceClass && l.region == old.region; });
        if (same == version.commitments.end()) {
            changes.append(
                QStringLiteral("commitment %1 (%2 %3) dropped").arg(scope(old), number(old.quantity), old.unit));
            continue;
        }
        if (same->quantity < old.quantity - 1e-9)
            changes.append(QStringLiteral("commitment %1 %2 -> %3 %4")
                               .arg(scope(old), number(old.quantity), number(same->quantity), old.unit));
        if (same->overcommitLimit > old.overcommitLimit + 1e-9)
            changes.append(QStringLiteral("over-commitment limit %1 %2 -> %3")
                               .arg(scope(old), number(old.overcommitLimit), number(same->overcommitLimit)));
    }
    for (const AttestedNodeInfo& old : previous.nodes) {
        const auto same = std::find_if(version.nodes.begin(), version.nodes.end(),
            [&](const AttestedNodeInfo& n) { return n.nodeId == old.nodeId; });
        if (same == version.nodes.end()) {
            changes.append(QStringLiteral("node %1 no longer listed").arg(old.name));
            continue;
        }
        if (same->region != old.region || same->jurisdiction != old.jurisdiction)
            changes.append(QStringLiteral("node %1 moved from %2 (%3) to %4 (%5)")
                               .arg(old.name, old.region, old.jurisdiction, same->region, same->jurisdiction));
        if (same->capacities != old.capacities)
            for (auto it = old.capacities.begin(); it != old.capacities.end(); ++it)
                if (same->capacities.value(it.key(), kMissing) != it.value())
                    changes.append(
                        QStringLiteral("node %1 %2 capacity %3 -> %4")
                            .arg(old.name, it.key(), number(it.value()),
                                same->capacities.contains(it.key()) ? number(same->capacities.value(it.key()))
                                                                    : QStringLiteral("none")));
    }
    for (auto it = previous.prices.begin(); it != previous.prices.end(); ++it)
        if (!version.prices.contains(it.key()) || std::abs(version.prices.value(it.key()) - it.value()) > 1e-12)
            changes.append(QStringLiteral("%1 unit price %2 -> %3")
                               .arg(it.key(), number(it.value()),
                                   version.prices.contains(it.key()) ? number(version.prices.value(it.key()))
                                                                     : QStringLiteral("none")));
    return changes;
}

} // namespace

void runSovereigntyRule(CheckContext& c)
{
    struct Placement {
        const AttestedNodeInfo* node = nullptr;
        QList<const ProviderAttestation*> versions; // that place the node there, in signing order
    };
    for (auto p = c.attestationVersions.cbegin(); p != c.attestationVersions.cend(); ++p) {
        const QList<const ProviderAttestation*> versions = coveringVersions(c, p.value());
        // Judged against every version that covered the period: a placement is outside when any version in force
        // over the same time does not allow its jurisdiction; moving the node in a later version does not erase it.
        QMap<QString, Placement> placements; // node name, region, jurisdiction -> placement
        for (const ProviderAttestation* v : versions)
            for (const AttestedNodeInfo& n : v->nodes) {
                const bool forbidden = std::any_of(versions.begin(), versions.end(), [&](const ProviderAttestation* w) {
                    return overlaps(w->period, v->period) && !w->allowedJurisdictions.contains(n.jurisdiction);
                });
                if (!forbidden)
                    continue;
                Placement& placement = placements[n.name + QChar(0x1f) + n.region + QChar(0x1f) + n.jurisdiction];
                if (!placement.node)
                    placement.node = &n;
                placement.versions.append(v);
            }
        for (const Placement& placement : std::as_const(placements)) {
            const AttestedNodeInfo& n = *placement.node;
            const ProviderAttestation& first = *placement.versions.first();
            const bool holdsData = c.mergedNodes.value(n.nodeId).allocatedSum > 0;
            Finding f;
            f.ruleId = QLatin1String(rules::kSovereignty);
            f.provider = first.provider;
            f.node = n.name;
            f.region = n.region;
            f.range = first.period;
            for (const ProviderAttestation* v : placement.versions) {
                f.range.start = qMin(f.range.start, v->period.start);
                f.range.end = qMax(f.range.end, v->period.end);
            }
            // What every version in force over that time allows.
            QStringList allowed = first.allowedJurisdictions;
            for (const ProviderAttestation* w : versions)
                if (overlaps(w->period, f.range))
                    allowed.erase(std::remove_if(allowed.begin(), allowed.end(),
                                      [&](const QString& j) { return !w->allowedJurisdictions.contains(j); }),
                        allowed.end());
            f.measured = kMissing;
            if (holdsData)
                f.say("jurisdiction.outside.data",
                    QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                        "Node %1 is in %2 (%3), outside the allowed jurisdictions, and holds tenant allocations"),
                    { marg(n.name), marg(n.jurisdiction), marg(n.region) });
            else
                f.say("jurisdiction.outside",
                    QT_TRANSLATE_NOOP(
                        "capaudit::FindingMessage", "Node %1 is in %2 (%3), outside the allowed jurisdictions"),
                    { marg(n.name), marg(n.jurisdiction), marg(n.region) });
            QJsonArray digests;
            for (const ProviderAttestation* v : placement.versions) {
                const auto entry = std::find_if(
                    v->nodes.begin(), v->nodes.end(), [&](const AttestedNodeInfo& x) { return x.nodeId == n.nodeId; });
                f.evidence.append({ v->bundleDigest, QString(), entry->line, entry->line,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attested inventory entry")) });
                digests.append(v->bundleDigest);
            }
            f.details = { { QStringLiteral("jurisdiction"), n.jurisdiction },
                { QStringLiteral("allowed"), allowed.join(QLatin1Char(',')) },
                { QStringLiteral("holdsTenantData"), holdsData } };
            if (placement.versions.size() > 1)
                f.details.insert(QStringLiteral("attestations"), digests);
            c.add(f, holdsData ? 0 : 1);
        }
    }
}

void runAttestationVersionRule(CheckContext& c)
{
    for (auto p = c.attestationVersions.cbegin(); p != c.attestationVersions.cend(); ++p) {
        const QList<const ProviderAttestation*> versions = coveringVersions(c, p.value());
        for (qsizetype i = 0; i < versions.size(); ++i) {
            const ProviderAttestation& v = *versions.at(i);
            // The version it restates: the latest signed before it whose period overlaps its own.
            const ProviderAttestation* previous = nullptr;
            for (qsizetype j = i - 1; j >= 0 && !previous; --j)
                if (overlaps(versions.at(j)->period, v.period))
                    previous = versions.at(j);
            auto finding = [&](const QString& subject) {
                Finding f;
                f.ruleId = QLatin1String(rules::kAttestationVersions);
                f.provider = v.provider;
                f.range = previous
                    ? Period { qMax(v.period.start, previous->period.start), qMin(v.period.end, previous->period.end) }
                    : v.period;
                if (previous)
                    f.evidence.append({ previous->bundleDigest, QString(), 0, 0,
                        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attestation signed %1"))
                            .arg(day(previous->signedAt)) });
                f.evidence.append({ v.bundleDigest, QString(), 0, 0,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "attestation signed %1"))
                        .arg(day(v.signedAt)) });
                f.details = { { QStringLiteral("subject"), subject + QLatin1Char(':') + shortDigest(v.bundleDigest) },
                    { QStringLiteral("contractId"), v.contractId }, { QStringLiteral("attestation"), v.bundleDigest },
                    { QStringLiteral("signedAt"), day(v.signedAt) } };
                if (previous)
                    f.details.insert(QStringLiteral("restates"), previous->bundleDigest);
                return f;
            };
            if (v.signedAt > 0 && v.signedAt >= v.period.end) {
                Finding f = finding(QStringLiteral("signed-after-period"));
                f.measured = double(v.signedAt - v.period.end) / 86400.0;
                f.expected = 0;
                f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "days"));
                if (previous)
                    f.say("attestation.reissued-late",
                        QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                            "%1 re-issued its attestation of contract %2 (bundle %3) on %4, %5 days after the period "
                            "it "
                            "governs ended; it restates bundle %6 signed %7"),
                        { marg(v.provider), marg(v.contractId), marg(shortDigest(v.bundleDigest)),
                            marg(day(v.signedAt)), marg(f.measured, 0, 'f', 1),
                            marg(shortDigest(previous->bundleDigest)), marg(day(previous->signedAt)) });
                else
                    f.say("attestation.signed-late",
                        QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                            "%1's attestation of contract %2 (bundle %3) was signed on %4, %5 days after the period it "
                            "governs ended"),
                        { marg(v.provider), marg(v.contractId), marg(shortDigest(v.bundleDigest)),
                            marg(day(v.signedAt)), marg(f.measured, 0, 'f', 1) });
                // Alone, a late attestation is late paperwork; restating an earlier one it is rewriting the past.
                c.add(f, previous ? 0 : 1);
            }
            if (!previous)
                continue;
            const QStringList changes = weakenedTerms(*previous, v);
            if (changes.isEmpty())
                continue;
            Finding f = finding(QStringLiteral("restated-terms"));
            f.measured = double(changes.size());
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "changes"));
            f.say("attestation.restated-weaker",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 restated contract %2 in bundle %3 (signed %4) with weaker or moved terms than bundle %5 "
                    "(signed %6): %7"),
                { marg(v.provider), marg(v.contractId), marg(shortDigest(v.bundleDigest)), marg(day(v.signedAt)),
                    marg(shortDigest(previous->bundleDigest)), marg(day(previous->signedAt)),
                    marg(changes.join(QStringLiteral("; "))) });
            f.details.insert(QStringLiteral("changes"), QJsonArray::fromStringList(changes));
            c.add(f);
        }
    }
}

} // namespace capaudit::analytics::detail
