// SPDX-License-Identifier: GPL-3.0-or-later
// Loads what every rule needs once: bundles, dictionaries and the attested inventory, commitments and prices.
#include "analytics/checkcontext.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>

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

Status loadContracts(CheckContext& c)
{
    sql::Database& db = c.store.database();
    sql::Statement* select =
        db.prepare("SELECT c.bundle, c.provider, c.contract_id, c.currency, c.period_start, c.period_end, "
                   "c.allowed_jurisdictions, s.availability_target FROM attestation_contracts c "
                   "LEFT JOIN attestation_sla s ON s.bundle = c.bundle ORDER BY c.bundle");
    if (!select)
        return db.lastError();
    while (select->next()) {
        const StoredBundle* bundle = c.bundle(select->int64(0));
        if (!bundle)
            continue;
        // A later attestation of the same provider supersedes the earlier one (import order).
        ProviderAttestation a;
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
        a.bundleDigest = bundle->digest;
        const std::optional<QDateTime> signedAt = parseTimestamp(bundle->signingTime);
        a.signedAt = signedAt ? signedAt->toSecsSinceEpoch() : 0;
        c.attestations.insert(a.provider, a);
    }
    return select->failed() ? Status(select->error()) : Status::success();
}

Status loadInventory(CheckContext& c)
{
    sql::Database& db = c.store.database();
    sql::Statement* nodes = db.prepare("SELECT n.bundle, n.seq, n.node, n.region, n.jurisdiction, c.provider "
                                       "FROM attestation_nodes n JOIN attestation_contracts c ON c.bundle = n.bundle "
                                       "ORDER BY n.bundle, n.seq");
    if (!nodes)
        return db.lastError();
    while (nodes->next()) {
        const QString provider = c.providerNames.value(nodes->int64(5));
        auto it = c.attestations.find(provider);
        const StoredBundle* bundle = c.bundle(nodes->int64(0));
        if (it == c.attestations.end() || !bundle || bundle->digest != it->bundleDigest)
            continue;
        AttestedNodeInfo node { nodes->int64(2), c.nodeNames.value(nodes->int64(2)), nodes->text(3), nodes->text(4),
            bundle->digest, nodes->int64(1) + 1 };
        it->nodes.append(node);
        // Region names are the provider's own: two providers may both call a region "eu-west-1".
        const QString regionKey = regionKeyOf(provider, node.region);
        int region = int(c.regions.indexOf(regionKey));
        if (region < 0) {
            region = int(c.regions.size());
            c.regions.append(regionKey);
        }
        c.nodeRegion.insert(node.nodeId, region);
    }
    if (nodes->failed())
        return nodes->error();

    sql::Statement* prices = db.prepare("SELECT p.bundle, r.name, p.price FROM attestation_prices p "
                                        "JOIN resource_classes r ON r.id = p.resource ORDER BY p.bundle, p.seq");
    if (!prices)
        return db.lastError();
    while (prices->next())
        for (ProviderAttestation& a : c.attestations)
            if (const StoredBundle* b = c.bundle(prices->int64(0)); b && b->digest == a.bundleDigest)
                a.prices.insert(prices->text(1), prices->real(2));
    if (prices->failed())
        return prices->error();

    // Tenant ids (the interned names billing rows and telemetry carry), not the display names.
    sql::Statement* tenants = db.prepare("SELECT bundle, tenant FROM attestation_tenants ORDER BY bundle, seq");
    if (!tenants)
        return db.lastError();
    while (tenants->next())
        for (ProviderAttestation& a : c.attestations)
            if (const StoredBundle* b = c.bundle(tenants->int64(0)); b && b->digest == a.bundleDigest)
                a.tenants.insert(c.tenantNames.value(tenants->int64(1)));
    return tenants->failed() ? Status(tenants->error()) : Status::success();
}

Status loadCommitments(CheckContext& c)
{
    Result<QList<CommitmentLine>> lines = c.store.commitments({}, {});
    if (!lines)
        return lines.error();
    QHash<QString, qint64> resourceIds;
    for (auto it = c.resourceNames.begin(); it != c.resourceNames.end(); ++it)
        resourceIds.insert(it.value(), it.key());
    for (const CommitmentLine& line : std::as_const(*lines)) {
        auto it = c.attestations.find(line.provider);
        if (it == c.attestations.end() || it->bundleDigest != line.bundleDigest)
            continue;
        it->commitments.append(line);
        for (const AttestedNodeInfo& node : std::as_const(it->nodes))
            if (node.region == line.region)
                c.overcommitLimit.insert({ node.nodeId, resourceIds.value(line.resourceClass) }, line.overcommitLimit);
    }
    return Status::success();
}

} // namespace

Status loadContext(CheckContext& c)
{
    Result<QList<StoredBundle>> bundles = c.store.bundles();
    if (!bundles)
        return bundles.error();
    c.bundles = *bundles;
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
    if (Status s = loadContracts(c); !s)
        return s;
    if (Status s = loadInventory(c); !s)
        return s;
    return loadCommitments(c);
}

} // namespace capaudit::analytics::detail
