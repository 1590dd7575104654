// SPDX-License-Identifier: GPL-3.0-or-later
// Loads what every rule needs once: bundles, dictionaries and the attested inventory, commitments and prices.
#include "analytics/checkcontext.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit::analytics::detail {
namespace {

Status loadNames(sql::Database& db, const char* query, QHash<qint64, QString>& names)
{
    sql::Statement* select = db.prepare(query);
    if (!select)
        return db.lastError();
    while (select->next())
        names.insert(select->int64(0), select->text(1));
    return select->failed() ? Status(select->error()) : Status::success();
}

// Every version of every provider's attestation. Versions are kept side by side, keyed by the bundle they come from;
// which one governs a time is decided later by signing time (CheckContext::attestationAt), never by import order.
Status loadContracts(CheckContext& c, QHash<qint64, ProviderAttestation>& byBundle)
{
    sql::Database& db = c.store.database();
    sql::Statement* select =
        db.prepare("SELECT c.bundle, c.provider, c.contract_id, c.currency, c.period_start, c.period_end, "
                   "c.allowed_jurisdictions, s.availability_target, s.credit_percent FROM attestation_contracts c "
                   "LEFT JOIN attestation_sla s ON s.bundle = c.bundle ORDER BY c.bundle");
    if (!select)
        return db.lastError();
    while (select->next()) {
        const StoredBundle* bundle = c.bundle(select->int64(0));
        if (!bundle)
            continue;
        ProviderAttestation a;
        a.bundleId = bundle->id;
        a.providerId = select->int64(1);
        a.provider = c.providerNames.value(a.providerId);
        a.contractId = select->text(2);
        a.currency = select->text(3);
        a.period = { select->int64(4), select->int64(5) };
        Result<QJsonObject> allowed = parseJsonObject(
            QByteArray("{\"a\":") + select->text(6).toUtf8() + "}", QStringLiteral("allowed_jurisdictions"));
        if (allowed)
            for (const QJsonValue& v : allowed->value(QStringLiteral("a")).toArray())
                a.allowedJurisdictions.append(v.toString());
        a.availabilityTarget = select->real(7);
        a.creditPercent = select->isNull(8) ? 0 : select->real(8);
        a.bundleDigest = bundle->digest;
        // The signing time the verifier established from the signature, never a time the statement gives itself.
        const std::optional<QDateTime> signedAt = parseTimestamp(bundle->signingTime);
        a.signedAt = signedAt ? signedAt->toSecsSinceEpoch() : 0;
        byBundle.insert(a.bundleId, a);
    }
    return select->failed() ? Status(select->error()) : Status::success();
}

Status loadInventory(CheckContext& c, QHash<qint64, ProviderAttestation>& byBundle)
{
    sql::Database& db = c.store.database();
    sql::Statement* nodes = db.prepare(
        "SELECT bundle, seq, node, region, jurisdiction, capacity FROM attestation_nodes ORDER BY bundle, seq");
    if (!nodes)
        return db.lastError();
    while (nodes->next()) {
        auto it = byBundle.find(nodes->int64(0));
        if (it == byBundle.end())
            continue;
        AttestedNodeInfo node { nodes->int64(2), c.nodeNames.value(nodes->int64(2)), nodes->text(3), nodes->text(4),
            it->bundleDigest, nodes->int64(1) + 1, {} };
        if (Result<QJsonObject> capacity = parseJsonObject(nodes->text(5).toUtf8(), QStringLiteral("capacity")))
            for (auto cls = capacity->begin(); cls != capacity->end(); ++cls)
                node.capacities.insert(cls.key(), cls->toDouble());
        it->nodes.append(node);
    }
    if (nodes->failed())
        return nodes->error();

    sql::Statement* prices = db.prepare("SELECT p.bundle, r.name, p.price FROM attestation_prices p "
                                        "JOIN resource_classes r ON r.id = p.resource ORDER BY p.bundle, p.seq");
    if (!prices)
        return db.lastError();
    while (prices->next())
        if (auto it = byBundle.find(prices->int64(0)); it != byBundle.end())
            it->prices.insert(prices->text(1), prices->real(2));
    if (prices->failed())
        return prices->error();

    // Tenant ids (the interned names billing rows and telemetry carry), not the display names.
    sql::Statement* tenants = db.prepare("SELECT bundle, tenant FROM attestation_tenants ORDER BY bundle, seq");
    if (!tenants)
        return db.lastError();
    while (tenants->next())
        if (auto it = byBundle.find(tenants->int64(0)); it != byBundle.end())
            it->tenants.insert(c.tenantNames.value(tenants->int64(1))); // ids, as FOCUS bills them
    if (tenants->failed())
        return tenants->error();

    Result<QList<CommitmentLine>> lines = c.store.commitments({}, {});
    if (!lines)
        return lines.error();
    QHash<QString, qint64> bundleOfDigest;
    for (auto it = byBundle.cbegin(); it != byBundle.cend(); ++it)
        bundleOfDigest.insert(it->bundleDigest, it.key());
    for (const CommitmentLine& line : std::as_const(*lines))
        if (auto it = byBundle.find(bundleOfDigest.value(line.bundleDigest, -1)); it != byBundle.end())
            it->commitments.append(line);
    return Status::success();
}

// Orders each provider's versions by signing time and picks the one governing the checked period.
void arrangeVersions(CheckContext& c, const QHash<qint64, ProviderAttestation>& byBundle)
{
    for (const ProviderAttestation& a : byBundle)
        c.attestationVersions[a.provider].append(a);
    for (auto it = c.attestationVersions.begin(); it != c.attestationVersions.end(); ++it) {
        QList<ProviderAttestation>& versions = it.value();
        std::sort(versions.begin(), versions.end(), [](const ProviderAttestation& a, const ProviderAttestation& b) {
            return a.signedAt != b.signedAt ? a.signedAt < b.signedAt : a.bundleDigest < b.bundleDigest;
        });
        qint64 earliest = versions.first().period.start;
        for (const ProviderAttestation& a : std::as_const(versions))
            earliest = qMin(earliest, a.period.start);
        const Period& checked = c.options.period;
        const qint64 reference = checked.end > checked.start ? qMax(checked.start, earliest) : earliest;
        // attestationAt falls back to c.attestations, which is not filled yet: a time outside every period gets the
        // earliest-signed version.
        const ProviderAttestation* governing = c.attestationAt(it.key(), reference);
        c.attestations.insert(it.key(), governing ? *governing : versions.first());
    }
}

// Region keys of the attested nodes (delivered capacity) and the over-commitment limit of every node and class.
void indexNodes(CheckContext& c)
{
    QHash<QString, qint64> resourceIds;
    for (auto it = c.resourceNames.begin(); it != c.resourceNames.end(); ++it)
        resourceIds.insert(it.value(), it.key());
    for (auto it = c.attestations.cbegin(); it != c.attestations.cend(); ++it) {
        const ProviderAttestation& a = it.value();
        // The governing version places a node; a node only another version lists is placed by the first version in
        // force anywhere that lists it. A version never in force (signed after its whole period) places nothing.
        QList<const AttestedNodeInfo*> placed;
        QSet<qint64> seen;
        for (const AttestedNodeInfo& n : a.nodes)
            if (!seen.contains(n.nodeId)) {
                seen.insert(n.nodeId);
                placed.append(&n);
            }
        for (const ProviderAttestation& v : c.attestationVersions.value(it.key())) {
            if (v.signedAt >= v.period.end && v.signedAt > 0)
                continue;
            for (const AttestedNodeInfo& n : v.nodes)
                if (!seen.contains(n.nodeId)) {
                    seen.insert(n.nodeId);
                    placed.append(&n);
                }
        }
        // Region-less commitments apply provider-wide; a commitment naming the node's region is the more specific
        // term. Several lines for the same scope: the strictest limit (a contract that states two limits for one thing
        // cannot be read as granting the looser one).
        QHash<QPair<QString, QString>, double> limits; // (class, region or "") -> limit
        for (const CommitmentLine& line : a.commitments) {
            const QPair<QString, QString> key { line.resourceClass, line.region };
            limits.insert(
                key, limits.contains(key) ? qMin(limits.value(key), line.overcommitLimit) : line.overcommitLimit);
        }
        for (const AttestedNodeInfo* node : std::as_const(placed)) {
            // Region names are the provider's own: two providers may both call a region "eu-west-1".
            const QString regionKey = regionKeyOf(a.provider, node->region);
            int region = int(c.regions.indexOf(regionKey));
            if (region < 0) {
                region = int(c.regions.size());
                c.regions.append(regionKey);
            }
            c.nodeRegion.insert(node->nodeId, region);
            for (auto l = limits.cbegin(); l != limits.cend(); ++l) {
                const QPair<QString, QString>& scope = l.key();
                const bool regional = scope.second == node->region;
                const bool providerWide = scope.second.isEmpty() && !limits.contains({ scope.first, node->region });
                if (regional || providerWide)
                    c.overcommitLimit.insert({ node->nodeId, resourceIds.value(scope.first) }, l.value());
            }
        }
    }
}

} // namespace

Status loadContext(CheckContext& c)
{
    Result<QList<StoredBundle>> bundles = c.store.bundles();
    if (!bundles)
        return bundles.error();
    c.bundles = *bundles;
    // Rules walk the bundles in this order (scans, evidence lists, "the latest bundle"), so it must come from the
    // evidence itself, never from the order it was imported in: verified signing time, then digest.
    std::sort(c.bundles.begin(), c.bundles.end(), [](const StoredBundle& x, const StoredBundle& y) {
        const qint64 tx = parseUnixSeconds(x.signingTime.toUtf8()).value_or(0);
        const qint64 ty = parseUnixSeconds(y.signingTime.toUtf8()).value_or(0);
        return std::tie(tx, x.digest) < std::tie(ty, y.digest);
    });
    for (const StoredBundle& b : std::as_const(c.bundles))
        c.bundleById.insert(b.id, &b);
    sql::Database& db = c.store.database();
    if (Status s = loadNames(db, "SELECT id, name FROM providers", c.providerNames); !s)
        return s;
    if (Status s = loadNames(db, "SELECT id, name FROM nodes", c.nodeNames); !s)
        return s;
    if (Status s = loadNames(db, "SELECT id, name FROM resource_classes", c.resourceNames); !s)
        return s;
    if (Status s = loadNames(db, "SELECT id, name FROM tenants", c.tenantNames); !s)
        return s;
    sql::Statement* owners = db.prepare("SELECT id, provider FROM nodes");
    if (!owners)
        return db.lastError();
    while (owners->next())
        c.nodeProvider.insert(owners->int64(0), owners->int64(1));
    if (owners->failed())
        return owners->error();
    QHash<qint64, ProviderAttestation> byBundle;
    if (Status s = loadContracts(c, byBundle); !s)
        return s;
    if (Status s = loadInventory(c, byBundle); !s)
        return s;
    arrangeVersions(c, byBundle);
    indexNodes(c);
    return Status::success();
}

} // namespace capaudit::analytics::detail
