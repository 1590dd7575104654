// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by tst_casestore and tst_caseverify, which both need signed bundles to import and raw SQL on the case file.

#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "evidence/truststore.h"
#include "store/casestore.h"
#include "store/caseverifier.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace capaudit::test {

inline constexpr qint64 kStart = 1767225600; // 2026-01-01T00:00:00Z
inline constexpr qint64 kStep = 300;

// A provider root CA and a meter signer under it, valid a year before kStart to ten years after.
struct Pki {
    crypto::PrivateKey rootKey, signerKey;
    crypto::Certificate root, signer;
    TrustAnchor anchor;
};

// ANCHOR: the root, role provider, scoped to PROVIDER (the provider name its bundles carry).
Pki makePki(const QString& name, const QString& provider);
// Native usage CSV: per step and node one node row (capacity, state) and one row per tenant (allocated, used).
QByteArray usageCsv(qint64 start, int steps, int nodes, int tenants);
// A signed telemetry bundle of CSV (STEPS steps of kStep from START) at OUT, signed at SIGNEDAT (invalid: 40 days
// after kStart), declaring METER and RESOLUTION (0: kStep); returns OUT.
QString writeTelemetry(const Pki& pki, const QString& out, const QString& provider, const QByteArray& csv, qint64 start,
    int steps, const QDateTime& signedAt = {}, const QString& meter = QStringLiteral("provider"),
    qint64 resolution = 0);
// The statement of the fixture's attestation: contract C-1 over 31 days from kStart allowing DE, tenant-0, a commitment
// of 100 cpu cores in eu-central (over-commitment limit 1.25), node-0 (64 cores, eu-central, DE), SLA 0.995, a price.
QJsonObject attestationPredicate(const QString& provider);
// A signed attestation bundle of attestationPredicate(PROVIDER) at OUT, signed two days after kStart; returns OUT.
QString writeAttestation(const Pki& pki, const QString& out, const QString& provider);
// The same of any PREDICATE signed at SIGNEDAT.
QString writeAttestation(const Pki& pki, const QString& out, const QJsonObject& predicate, const QDateTime& signedAt);

// verify-case's problems one per line, for failure messages; and whether one of them contains NEEDLE.
QString listed(const QList<CaseProblem>& problems);
bool names(const QList<CaseProblem>& problems, const QString& needle);

// Direct SQL, bypassing the store: what someone with the sqlite3 shell could do.
qint64 scalar(const QString& path, const QString& sql);
// Runs SQL read-write; returns SQLite's error message, empty on success.
QString execSql(const QString& path, const QString& sql);
// Takes the case at PATH back to schema version 7 (before sample blocks), as version 7 would have written it: every
// block decoded into one samples row per sample, the sample_blocks table gone. Returns an error, empty on success.
QString downgradeToVersion7(const QString& path);
// A copy of the case at PATH (read through its WAL) with its samples as version 7 stored them, one row each, so a test
// can compute from the samples in SQL, independently of SampleCursor. Empty on error (logged).
QString rowLayoutCopy(const QString& path);
// Takes the case at PATH back to schema version 6 (before compressed evidence bytes), as version 6 would have written
// it: every chunk decompressed and stored raw in the version-1 blob_chunks table. Returns an error, empty on success.
// Run before downgradeToVersion4Sql().
QString downgradeToVersion6(const QString& path);
// SQL that takes a case at schema version 6 back to schema version 4 (before invoice evidence): drops the invoice
// tables and rebuilds bundles, rows kept, with its version-1 kind CHECK and triggers. Run before older tests' own
// downgrades.
QString downgradeToVersion4Sql();
// SQL that drops the append-only triggers of every evidence table.
QString dropTriggersSql();

// The bundles the case tests import, written once per test run into a temporary directory: a telemetry bundle
// (300 steps x 4 nodes x 3 tenants), an attestation, an untrusted (stranger-signed) bundle, a tampered one and one
// with an unparsable row.
class CaseFixture {
protected:
    // Call from initTestCase(); fails the current test (QVERIFY) when a fixture cannot be written.
    void initFixture();
    QString path(const QString& name) const;
    // A new case file NAME in the fixture directory trusting m_provider.
    std::unique_ptr<CaseStore> newCase(const QString& name);

    QTemporaryDir m_dir;
    Pki m_provider, m_stranger;
    QString m_bundle, m_attestation, m_untrusted, m_tampered, m_badRow;
    QByteArray m_csv;
};

} // namespace capaudit::test
