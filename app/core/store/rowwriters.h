// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/einvoice.h"
#include "ingest/sinks.h"
#include "model/records.h"
#include "store/dictionaries.h"
#include "store/nodehourbuilder.h"
#include "store/rollupbuilder.h"
#include "store/rowcodec.h"
#include "store/rowsdigest.h"
#include "store/sampleblocks.h"
#include "util/identitycache.h"

#include <QHash>
#include <QJsonObject>

#include <array>
#include <functional>
#include <vector>

namespace capaudit {

namespace sql {
class Database;
class Statement;
} // namespace sql

// What one bundle's rows are written into; shared by the writers of one import.
struct RowTarget {
    sql::Database& db;
    Dictionaries& dictionaries;
    RowCodec& codec;
    RowsDigest& digest;
    qint64 bundle = 0;
    qint64 provider = 0;
    // Called every few thousand rows: reports progress, and fails when the import was cancelled.
    std::function<Status()> tick;
};

// Feeds samples into the rows digest: the same columns, in the same order, as RowCodec::digestStored() reads back for
// the samples table. A sink of its own so it can run on either side of SamplePipeline; it runs on the storing thread,
// which has the spare time since samples are stored as blocks (docs/performance.md).
class SampleDigester final : public UsageSink {
public:
    SampleDigester(RowsDigest& digest, QByteArray providerUtf8)
        : m_digest(digest)
        , m_providerUtf8(std::move(providerUtf8))
    {
    }
    void setPayload(qint64 index)
    {
        m_payload = index;
    }
    Status addSample(const UsageSample& sample) override;

private:
    const QByteArray& utf8(const QString& name);

    RowsDigest& m_digest;
    QByteArray m_providerUtf8;
    QHash<QString, QByteArray> m_utf8;
    IdentityCache<QByteArray> m_recent;
    qint64 m_payload = 0;
    qint64 m_seq = 0;
};

// The hot path of telemetry import: integer-coded samples in compressed blocks, digest and rollups fed in the same
// pass. Digests exactly what RowCodec::digestStored() reads back for the samples table.
class SampleWriter final : public UsageSink {
public:
    explicit SampleWriter(RowTarget target);
    void setPayload(qint64 index)
    {
        m_payload = index;
        m_digester.setPayload(index);
    }
    Status addSample(const UsageSample& sample) override;
    Status flush(); // writes the rows still collected as a (short) block; call after each payload
    qint64 count() const
    {
        return m_seq;
    }
    RollupBuilder& rollups()
    {
        return m_rollups;
    }
    NodeHourBuilder& nodeHours()
    {
        return m_nodeHours;
    }

private:
    // Samples go to the case as compressed column blocks (store/sampleblocks): one INSERT per 8,192 rows instead of
    // one B-tree row each, which was most of what an import cost and most of the case file.
    Status writeBlock();
    Result<qint64> resolve(QHash<QString, qint64>& cache, const QString& name, int kind); // dictionary id

    RowTarget m_target;
    std::vector<StoredSample> m_block;
    QHash<QString, qint64> m_nodes, m_resources, m_tenants;
    std::array<IdentityCache<qint64>, 3> m_recent; // per kind: a node and a tenant of the same text share a buffer
    SampleDigester m_digester;
    RollupBuilder m_rollups;
    NodeHourBuilder m_nodeHours;
    qint64 m_payload = 0;
    qint64 m_seq = 0;
};

class BillingWriter final : public BillingSink {
public:
    explicit BillingWriter(RowTarget target);
    void setPayload(qint64 index)
    {
        m_payload = index;
    }
    Status addBillingRecord(const BillingRecord& record) override;
    qint64 count() const
    {
        return m_seq;
    }

private:
    RowTarget m_target;
    qint64 m_payload = 0;
    qint64 m_seq = 0;
};

// Writes the claims of an attestation bundle (contract, SLA, tenants, commitments, node inventory, prices).
Result<qint64> writeAttestation(RowTarget& target, const AttestationClaims& claims);

// Writes one parsed EN 16931 invoice (payload SEQ of an invoice bundle, file PATH) and its lines, numbered on from
// LINESEQ (the bundle's line counter, advanced here).
Result<qint64> writeInvoice(
    RowTarget& target, qint64 seq, qint64& lineSeq, const QString& path, const EInvoice& invoice);

// The normalised FOCUS record as stored in billing_records.record_json (canonical JSON, every field).
QJsonObject billingRecordJson(const BillingRecord& record);

} // namespace capaudit
