// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rowwriters.h"

#include "store/samplecursor.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <QJsonArray>

namespace capaudit {

namespace {

enum NameKind { kNode, kResource, kTenant };
constexpr int kTickEvery = 16384;

Cell optionalReal(double value)
{
    return isMissing(value) ? Cell() : Cell(value);
}

QJsonValue jsonNumber(double value)
{
    return isMissing(value) ? QJsonValue() : QJsonValue(value);
}

} // namespace

const QByteArray& SampleDigester::utf8(const QString& name)
{
    if (const QByteArray* hit = m_recent.find(name))
        return *hit;
    auto it = m_utf8.find(name);
    if (it == m_utf8.end())
        it = m_utf8.insert(name, name.toUtf8());
    m_recent.insert(name, it.value());
    return it.value();
}

Status SampleDigester::addSample(const UsageSample& s)
{
    RowsDigest& d = m_digest;
    d.beginRow("samples");
    d.addInt(m_seq++);
    d.addInt(m_payload);
    d.addInt(s.line);
    d.addInt(s.time);
    d.addText(m_providerUtf8);
    d.addText(utf8(s.node));
    d.addText(utf8(s.resourceClass));
    d.addText(utf8(s.tenant));
    d.addReal(s.allocated);
    d.addReal(s.used);
    d.addReal(s.capacity);
    d.addInt(qint64(s.state));
    return {};
}

SampleWriter::SampleWriter(RowTarget target)
    : m_target(std::move(target))
    , m_digester(m_target.digest, m_target.dictionaries.providerName(m_target.provider))
{
}

Result<qint64> SampleWriter::resolve(QHash<QString, qint64>& cache, const QString& name, int kind)
{
    IdentityCache<qint64>& recent = m_recent[size_t(kind)];
    if (const qint64* hit = recent.find(name))
        return *hit;
    if (auto it = cache.constFind(name); it != cache.constEnd()) {
        recent.insert(name, it.value());
        return it.value();
    }
    Result<qint64> id = kind == kNode ? m_target.dictionaries.node(m_target.provider, name)
        : kind == kResource           ? m_target.dictionaries.resourceClass(name)
                                      : m_target.dictionaries.tenant(name);
    if (!id)
        return id.error();
    cache.insert(name, *id);
    recent.insert(name, *id);
    return *id;
}

Status SampleWriter::addSample(const UsageSample& s)
{
    Result<qint64> node = resolve(m_nodes, s.node, kNode);
    if (!node)
        return node.error();
    Result<qint64> resource = resolve(m_resources, s.resourceClass, kResource);
    if (!resource)
        return resource.error();
    Result<qint64> tenant = resolve(m_tenants, s.tenant, kTenant);
    if (!tenant)
        return tenant.error();

    const qint64 seq = m_seq++;
    const qint64 state = qint64(s.state);
    m_block.push_back({ seq, m_payload, s.line, s.time, m_target.provider, *node, *resource, *tenant, state,
        s.allocated, s.used, s.capacity });
    if (qint64(m_block.size()) == sampleblocks::kMaxRows) {
        if (Status st = writeBlock(); !st)
            return st;
    }

    if (Status st = m_digester.addSample(s); !st)
        return st;
    m_rollups.add(seq, s.time, *resource, *tenant, s.allocated, s.used, s.capacity);
    m_nodeHours.add(seq, m_payload, s.time, *node, *resource, *tenant, s.allocated, s.capacity, int(state));
    if (m_seq % kTickEvery == 0 && m_target.tick)
        return m_target.tick();
    return {};
}

Status SampleWriter::flush()
{
    return m_block.empty() ? Status() : writeBlock();
}

Status SampleWriter::writeBlock()
{
    const Status written = writeSampleBlock(m_target.db, m_target.bundle, m_block);
    m_block.clear();
    return written;
}

BillingWriter::BillingWriter(RowTarget target)
    : m_target(std::move(target))
{
}

Status BillingWriter::addBillingRecord(const BillingRecord& r)
{
    Cell resource, tenant;
    if (!r.resourceClass.isEmpty()) {
        Result<qint64> id = m_target.dictionaries.resourceClass(r.resourceClass);
        if (!id)
            return id.error();
        resource = *id;
    }
    if (!r.tenant.isEmpty()) {
        Result<qint64> id = m_target.dictionaries.tenant(r.tenant);
        if (!id)
            return id.error();
        tenant = *id;
    }
    const QList<Cell> cells { m_seq++, m_payload, r.line, m_target.provider, resource, tenant, r.chargePeriodStart,
        r.chargePeriodEnd, r.chargeCategory, r.billedCost, r.effectiveCost, optionalReal(r.consumedQuantity),
        r.consumedUnit, r.billingCurrency, QString::fromUtf8(canonicalJson(billingRecordJson(r))) };
    if (Status s = m_target.codec.insert("billing_records", m_target.bundle, cells, m_target.digest); !s)
        return s;
    if (m_seq % kTickEvery == 0 && m_target.tick)
        return m_target.tick();
    return {};
}

QJsonObject billingRecordJson(const BillingRecord& r)
{
    QJsonObject extensions;
    for (auto it = r.extensions.cbegin(); it != r.extensions.cend(); ++it)
        extensions.insert(it.key(), it.value());
    QJsonObject json {
        { QStringLiteral("line"), r.line },
        { QStringLiteral("BillingAccountId"), r.billingAccountId },
        { QStringLiteral("BillingCurrency"), r.billingCurrency },
        { QStringLiteral("BillingPeriodStart"), r.billingPeriodStart },
        { QStringLiteral("BillingPeriodEnd"), r.billingPeriodEnd },
        { QStringLiteral("ChargePeriodStart"), r.chargePeriodStart },
        { QStringLiteral("ChargePeriodEnd"), r.chargePeriodEnd },
        { QStringLiteral("ChargeCategory"), r.chargeCategory },
        { QStringLiteral("ChargeClass"), r.chargeClass },
        { QStringLiteral("ChargeDescription"), r.chargeDescription },
        { QStringLiteral("BilledCost"), r.billedCost },
        { QStringLiteral("EffectiveCost"), r.effectiveCost },
        { QStringLiteral("ListCost"), r.listCost },
        { QStringLiteral("ContractedCost"), jsonNumber(r.contractedCost) },
        { QStringLiteral("PricingQuantity"), jsonNumber(r.pricingQuantity) },
        { QStringLiteral("ConsumedQuantity"), jsonNumber(r.consumedQuantity) },
        { QStringLiteral("ContractedUnitPrice"), jsonNumber(r.contractedUnitPrice) },
        { QStringLiteral("ListUnitPrice"), jsonNumber(r.listUnitPrice) },
        { QStringLiteral("PricingUnit"), r.pricingUnit },
        { QStringLiteral("ConsumedUnit"), r.consumedUnit },
        { QStringLiteral("ProviderName"), r.providerName },
        { QStringLiteral("PublisherName"), r.publisherName },
        { QStringLiteral("InvoiceIssuerName"), r.invoiceIssuerName },
        { QStringLiteral("InvoiceId"), r.invoiceId },
        { QStringLiteral("ServiceCategory"), r.serviceCategory },
        { QStringLiteral("ServiceName"), r.serviceName },
        { QStringLiteral("ResourceId"), r.resourceId },
        { QStringLiteral("ResourceName"), r.resourceName },
        { QStringLiteral("ResourceType"), r.resourceType },
        { QStringLiteral("RegionId"), r.regionId },
        { QStringLiteral("SkuId"), r.skuId },
        { QStringLiteral("SubAccountId"), r.subAccountId },
        { QStringLiteral("SubAccountName"), r.subAccountName },
        { QStringLiteral("resourceClass"), r.resourceClass },
        { QStringLiteral("tenant"), r.tenant },
        { QStringLiteral("Tags"), r.tags },
        { QStringLiteral("extensions"), extensions },
    };
    // Only flagged rows carry the keys, so a conformant row's stored JSON (and the rows digest) is as before.
    if (!r.quarantine.isEmpty())
        json.insert(QStringLiteral("quarantine"), QJsonArray::fromStringList(r.quarantine));
    if (!r.notes.isEmpty())
        json.insert(QStringLiteral("notes"), QJsonArray::fromStringList(r.notes));
    return json;
}

Result<qint64> writeAttestation(RowTarget& t, const AttestationClaims& c)
{
    const qint64 before = t.digest.rows();
    auto insert = [&](const char* table, const QList<Cell>& cells) {
        return t.codec.insert(QByteArray(table), t.bundle, cells, t.digest);
    };
    QJsonArray jurisdictions;
    for (const QString& j : c.allowedJurisdictions)
        jurisdictions.append(j);
    if (Status s = insert("attestation_contracts",
            { t.provider, c.contractId, c.buyer, c.currency, c.period.start, c.period.end,
                QString::fromUtf8(canonicalJson(jurisdictions)) });
        !s)
        return s.error();
    if (Status s = insert(
            "attestation_sla", { c.sla.availabilityTarget, c.sla.measurementWindowSeconds, c.sla.creditPercent });
        !s)
        return s.error();
    qint64 seq = 0;
    for (const Tenant& tenant : c.tenants) {
        Result<qint64> id = t.dictionaries.tenant(tenant.id);
        if (!id)
            return id.error();
        if (Status s = insert("attestation_tenants", { seq++, *id, tenant.name }); !s)
            return s.error();
    }
    seq = 0;
    for (const Commitment& m : c.commitments) {
        Result<qint64> resource = t.dictionaries.resourceClass(m.resourceClass);
        if (!resource)
            return resource.error();
        if (Status s = insert("attestation_commitments",
                { seq++, t.provider, *resource, m.region, m.unit, m.quantity, m.overcommitLimit, m.period.start,
                    m.period.end });
            !s)
            return s.error();
    }
    seq = 0;
    for (const AttestedNode& n : c.nodes) {
        Result<qint64> node = t.dictionaries.node(t.provider, n.id);
        if (!node)
            return node.error();
        QJsonObject capacity;
        for (auto it = n.capacity.cbegin(); it != n.capacity.cend(); ++it)
            capacity.insert(it.key(), it.value());
        if (Status s = insert("attestation_nodes",
                { seq++, *node, n.hardwareClass, n.region, n.jurisdiction,
                    QString::fromUtf8(canonicalJson(capacity)) });
            !s)
            return s.error();
    }
    seq = 0;
    for (const UnitPrice& p : c.prices) {
        Result<qint64> resource = t.dictionaries.resourceClass(p.resourceClass);
        if (!resource)
            return resource.error();
        if (Status s = insert("attestation_prices", { seq++, *resource, p.unit, p.price, p.currency }); !s)
            return s.error();
    }
    return t.digest.rows() - before;
}

Result<qint64> writeInvoice(RowTarget& t, qint64 seq, qint64& lineSeq, const QString& path, const EInvoice& inv)
{
    const qint64 before = t.digest.rows();
    auto optional = [](double v) { return isMissing(v) ? Cell {} : Cell { v }; };
    auto time = [](qint64 v, const Period& p) { return p.end > p.start ? Cell { v } : Cell {}; };
    const QString party = QStringLiteral("%1 (%2)");
    if (Status s = t.codec.insert("invoices", t.bundle,
            { seq, t.provider, path, inv.syntax, inv.id, inv.typeCode, qint64(inv.creditNote ? 1 : 0), inv.issueDate,
                inv.currency, time(inv.period.start, inv.period), time(inv.period.end, inv.period),
                party.arg(inv.seller.name, inv.seller.id), party.arg(inv.buyer.name, inv.buyer.id),
                inv.totals.lineExtension, inv.totals.taxExclusive, optional(inv.totals.taxTotal),
                inv.totals.taxInclusive, inv.totals.payable, QString::fromUtf8(canonicalJson(einvoiceToJson(inv))) },
            t.digest);
        !s)
        return s.error();
    for (const InvoiceLineItem& l : inv.lines) {
        Cell resource, tenant;
        if (!l.resourceClass.isEmpty()) {
            Result<qint64> id = t.dictionaries.resourceClass(l.resourceClass);
            if (!id)
                return id.error();
            resource = *id;
        }
        if (!l.tenant.isEmpty()) {
            Result<qint64> id = t.dictionaries.tenant(l.tenant);
            if (!id)
                return id.error();
            tenant = *id;
        }
        if (Status s = t.codec.insert("invoice_lines", t.bundle,
                { lineSeq++, seq, l.sourceLine, l.id, l.item, resource, tenant, l.quantity, l.unitCode, l.price,
                    l.lineAmount, time(l.period.start, l.period), time(l.period.end, l.period) },
                t.digest);
            !s)
            return s.error();
    }
    return t.digest.rows() - before;
}

} // namespace capaudit
