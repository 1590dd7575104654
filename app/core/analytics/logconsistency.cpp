// SPDX-License-Identifier: GPL-3.0-or-later
// evidence.log-consistency: does every transparency log tell every bundle of the case the same, growing story?
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "evidence/loghistory.h"
#include "store/logstore.h"

#include <QJsonArray>

namespace capaudit::analytics::detail {
namespace {

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject refJson(const LogCheckpointRef& ref)
{
    QJsonArray bundles;
    for (const LogCarrier& c : ref.carriers)
        bundles.append(
            QJsonObject { { QStringLiteral("digest"), c.bundleDigest }, { QStringLiteral("path"), c.bundlePath },
                { QStringLiteral("provider"), c.provider }, { QStringLiteral("file"), c.file } });
    return { { QStringLiteral("treeSize"), qint64(ref.treeSize) }, { QStringLiteral("rootHash"), hex(ref.rootHash) },
        { QStringLiteral("bundles"), bundles } };
}

QString firstBundles(const LogCheckpointRef& ref)
{
    QStringList digests;
    for (const LogCarrier& c : ref.carriers)
        digests << c.bundleDigest.left(12);
    return digests.join(QStringLiteral(", "));
}

// The provider whose evidence carried the later view (else the earlier one): where the report files the finding.
QString providerOf(const LogBreak& b)
{
    for (const LogCheckpointRef* ref : { &b.later, &b.earlier })
        for (const LogCarrier& c : ref->carriers)
            if (!c.provider.isEmpty())
                return c.provider;
    return {};
}

Finding findingOf(const LogBreak& b)
{
    Finding f;
    f.ruleId = QLatin1String(rules::kEvidenceLogConsistency);
    f.provider = providerOf(b);
    if (b.kind == LogBreak::Kind::SplitView)
        f.say("log.split-view",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "Transparency log '%1' signed two different trees of size %2 (a split view): root %3 in bundle %4 and "
                "root %5 in bundle %6"),
            { marg(b.origin), marg(b.earlier.treeSize), marg(hex(b.earlier.rootHash)), marg(firstBundles(b.earlier)),
                marg(hex(b.later.rootHash)), marg(firstBundles(b.later)) });
    else
        f.say("log.unproven-growth",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "Transparency log '%1' is not proven consistent from size %2 (root %3, bundle %4) to size %5 (root %6, "
                "bundle %7): %8"),
            { marg(b.origin), marg(b.earlier.treeSize), marg(hex(b.earlier.rootHash)), marg(firstBundles(b.earlier)),
                marg(b.later.treeSize), marg(hex(b.later.rootHash)), marg(firstBundles(b.later)), marg(b.reason) });
    for (const LogCheckpointRef* ref : { &b.earlier, &b.later })
        for (const LogCarrier& c : ref->carriers)
            f.evidence.append({ c.bundleDigest, c.file, 0, 0,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "checkpoint '%1' size %2 root %3"))
                    .arg(b.origin)
                    .arg(ref->treeSize)
                    .arg(hex(ref->rootHash)) });
    // The subject names the two checkpoints, so the id stays the same whatever the import order or bundle count.
    f.details = { { QStringLiteral("subject"),
                      QStringLiteral("%1|%2|%3:%4|%5:%6")
                          .arg(b.origin, b.kindName())
                          .arg(b.earlier.treeSize)
                          .arg(hex(b.earlier.rootHash))
                          .arg(b.later.treeSize)
                          .arg(hex(b.later.rootHash)) },
        { QStringLiteral("origin"), b.origin }, { QStringLiteral("kind"), b.kindName() },
        { QStringLiteral("reason"), b.reason }, { QStringLiteral("earlier"), refJson(b.earlier) },
        { QStringLiteral("later"), refJson(b.later) } };
    return f;
}

} // namespace

Status runLogConsistencyRule(CheckContext& c)
{
    Result<logstore::StoredHistory> stored = logstore::load(c.store.database());
    if (!stored)
        return stored.error();
    const LogHistory history = analyzeLogHistory(stored->sightings, stored->claims);
    for (const LogBreak& b : history.breaks)
        c.add(findingOf(b));
    return {};
}

} // namespace capaudit::analytics::detail
