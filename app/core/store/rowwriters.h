// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"
#include "model/records.h"
#include "store/dictionaries.h"
#include "store/rollupbuilder.h"
#include "store/rowcodec.h"
#include "store/rowsdigest.h"

#include <QHash>
#include <QJsonObject>

#include <functional>

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

// The hot path of telemetry import: integer-coded samples through one cached statement, digest and rollups fed in
// the same pass. Digests exactly what RowCodec::digestStored() reads back for the samples table.
class SampleWriter final : public UsageSink {
public:
    explicit SampleWriter(RowTarget target);
    void setPayload(qint64 index)
    {
        m_payload = index;
    }
    Status addSample(const UsageSample& sample) override;
    qint64 count() const
    {
        return m_seq;
    }
    RollupBuilder& rollups()
    {
        return m_rollups;
    }

private:
    struct Name {
        qint64 id = 0;
        QByteArray utf8;
    };
    Result<const Name*> resolve(QHash<QString, Name>& cache, const QString& name, int kind);

    RowTarget m_target;
    sql::Statement* m_insert = nullptr;
    QByteArray m_providerUtf8;
    QHash<QString, Name> m_nodes, m_resources, m_tenants;
    RollupBuilder m_rollups;
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

// The normalised FOCUS record as stored in billing_records.record_json (canonical JSON, every field).
QJsonObject billingRecordJson(const BillingRecord& record);

} // namespace capaudit
