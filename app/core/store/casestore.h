// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/truststore.h"
#include "evidence/verdict.h"
#include "model/records.h"
#include "store/audittrail.h"
#include "store/rollupbuilder.h"
#include "store/schemacheck.h"
#include "store/sqlitedb.h"
#include "util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace capaudit {

struct CaseInfo {
    QString path;
    QString id; // UUID, without braces
    QString name;
    QString created; // ISO 8601 UTC
    int schemaVersion = 0;
};

// A trust anchor as held by the case. Anchors are never deleted: removal is recorded beside them, so the anchors in
// force at any import can be reconstructed when the case is re-verified.
struct CaseAnchor {
    qint64 id = 0;
    TrustAnchor anchor;
    qint64 addedSeq = 0; // trail entry that added it
    qint64 removedSeq = 0; // trail entry that removed it, 0 while in force
    bool active() const
    {
        return removedSeq == 0;
    }
};

// authorizedMeter() in SQL, over a bundles row aliased "b": the meter every query that separates provider from
// independent telemetry must use (a stored verified verdict has passed signer.authorized, so its role decides).
#define CAPAUDIT_AUTHORIZED_METER_SQL                                                                                  \
    "(CASE WHEN b.meter = 'independent' AND b.verdict = 'verified' AND "                                               \
    "json_extract(b.verdict_json, '$.signer.anchorRole') = 'independent-meter' THEN 'independent' ELSE 'provider' "    \
    "END)"

// What the trail records about an anchor when it is added or removed (kind, file, label, role, origin, subject,
// fingerprint, providers, identity); verify-case compares the stored anchor rows with it.
QJsonObject anchorDetails(const TrustAnchor& anchor);

struct StoredBundle {
    qint64 id = 0;
    QString digest; // bundle digest (hex)
    QString sourcePath; // where it was imported from
    BundleKind kind = BundleKind::Unknown;
    QString provider;
    // The meter as authorized (evidence/authorization.h authorizedMeter): "independent" only for verified telemetry
    // of an independent-meter anchor that says so; every analysis keys on this one.
    QString meter;
    QString claimedMeter; // the bundles.meter column: what the statement says ("provider" | "independent")
    VerdictKind verdict = VerdictKind::Verified; // Verified or Untrusted (rejected bundles are never stored)
    bool untrusted() const
    {
        return verdict == VerdictKind::Untrusted;
    }
    Verdict details; // the full verdict as at import
    QJsonObject predicate;
    QString signerSubject, signerFingerprint, signerAlgorithm, signingTime;
    Period period; // from the predicate; zero when it has none
    qint64 resolutionSeconds = 0; // telemetry step
    QString importedAt;
    qint64 importSeq = 0;
    qint64 rowCount = 0;
    QString rowsDigest;
};

struct BundleFileRef {
    QString path; // relative to the bundle root ("statement.dsse.json", "data/usage.csv")
    qint64 blobId = 0;
    QString sha256;
    qint64 size = 0;
};

struct NodeRef {
    QString provider;
    QString name;
};

// Level of detail of a series: raw samples, or the hourly / daily rollups.
enum class SeriesLevel { Raw, Hourly, Daily };
QString seriesLevelName(SeriesLevel level);

struct SeriesQuery {
    QString provider;
    QString resourceClass;
    qint64 from = 0; // Unix seconds, inclusive
    qint64 to = 0; // exclusive
    int maxPoints = 2000; // the finest level with at most this many points per line is chosen
    bool includeUntrusted = true;
    QString meter = QStringLiteral("provider"); // which telemetry to draw; empty: every meter
};

// Per-step totals across nodes; at rollup levels the mean over the bucket's steps, with the peak step beside it.
struct TenantSeries {
    QString tenant;
    QList<double> allocated; // aligned with TimeSeries::times; NaN where the tenant has no data
    QList<double> used;
    QList<double> peakAllocated; // raw level: equal to allocated
};

struct CommitmentLine {
    QString provider;
    QString resourceClass;
    QString region;
    QString unit;
    double quantity = 0;
    double overcommitLimit = 1.0;
    Period period;
    QString bundleDigest; // attestation it comes from
};

struct TimeSeries {
    SeriesLevel level = SeriesLevel::Raw;
    qint64 stepSeconds = 0; // raw: the telemetry resolution; hourly 3600; daily 86400
    QList<qint64> times; // start of each step / bucket
    QList<double> capacity; // total node capacity (mean per step at rollup levels)
    QList<double> peakCapacity;
    QList<TenantSeries> tenants;
    QList<CommitmentLine> commitments;
};

// Evidence coverage of one bucket: how many of its expected telemetry steps verified / untrusted bundles cover.
struct CoverageBucket {
    qint64 start = 0;
    qint64 expectedSteps = 0;
    qint64 verifiedSteps = 0;
    qint64 untrustedSteps = 0; // steps covered only by untrusted bundles
    enum class Status { Verified, Partial, Untrusted, Missing };
    Status status = Status::Missing;
};

// A reviewer-authored document kept in the case (applied policy, bid-comparison weights, what-if scenario). Saving one
// appends a new version (never overwrites) and a trail entry "<kind>-saved" with its digest.
struct CaseDocument {
    qint64 id = 0;
    QString kind; // "policy" | "weights" | "scenario"
    QString name; // scenario name; "" for policy and weights
    QJsonObject content;
    QString digest; // SHA-256 hex of the canonical JSON
    QString savedAt; // ISO 8601 UTC
    qint64 trailSeq = 0;
};

// One .capcase file. Not thread-safe: use one CaseStore per thread (SQLite WAL lets them read while one writes).
class CaseStore {
public:
    // Creates a new case at PATH (which must not exist) with ANCHORS as its initial trust store.
    static Result<std::unique_ptr<CaseStore>> create(
        const QString& path, const QString& name, const QList<TrustAnchor>& anchors);
    // Opens an existing case, migrating an older schema forward. A file that is not a case is refused, and so is one
    // whose schema differs from CapAudit's in a way that could run code or change a query's meaning (docs/case-file.md
    // "Opening a case safely"); REFUSED, when given, then receives the schema problems that caused it.
    static Result<std::unique_ptr<CaseStore>> open(const QString& path, QList<SchemaProblem>* refused = nullptr);

    // VM steps (in thousands) opening a case and checking its schema may take: far more than any real case needs
    // (a few hundred objects), far less than a hang.
    static constexpr qint64 kOpenBudget = 200000;

    const CaseInfo& info() const
    {
        return m_info;
    }
    sql::Database& database()
    {
        return m_db;
    }

    // Trust anchors; add/remove are recorded in the trail.
    Result<QList<CaseAnchor>> anchors(bool includeRemoved = false);
    Result<TrustStore> trustStore(); // the anchors in force now
    Result<TrustStore> trustStoreAt(qint64 seq); // the anchors in force just before trail entry SEQ
    // Adds ANCHOR. When the same key is already in force with another label, role, origin, scope or identity, that
    // anchor is replaced (a removal and an addition in the trail); an identical one is refused as already trusted.
    Result<CaseAnchor> addAnchor(const TrustAnchor& anchor);
    // KEY: an anchor's fingerprint (or a unique prefix of at least 8 hex digits) or its file name.
    Result<CaseAnchor> removeAnchor(const QString& key);

    // Audit trail.
    Result<TrailEntry> appendTrail(const QString& action, const QJsonObject& details);
    Result<QList<TrailEntry>> trail(qint64 fromSeq = 1, qint64 limit = -1);

    // Dictionaries, sorted by name.
    Result<QStringList> providers();
    Result<QStringList> resourceClasses();
    Result<QStringList> tenants(); // without the empty node-level tenant
    Result<QList<NodeRef>> nodes(const QString& provider = {});
    // First and last telemetry step covered (from the hourly rollups); {0, 0} for a case without telemetry.
    Result<Period> periodCovered(const QString& provider = {});

    // Bundles, in import order.
    Result<QList<StoredBundle>> bundles();
    Result<std::optional<StoredBundle>> bundleByDigest(const QString& digest);
    // The stored bundle of KIND whose signed statement (DSSE payloadType + payload) has STATEMENTDIGEST
    // (Verdict::statementDigest), whatever its envelope's encoding: the same evidence in another envelope.
    Result<std::optional<StoredBundle>> bundleByStatement(BundleKind kind, const QString& statementDigest);
    Result<QList<BundleFileRef>> bundleFiles(qint64 bundleId);
    // Streams a stored blob's original bytes to WRITE (chunk by chunk), decompressed, and only once they matched the
    // blob's recorded size and SHA-256; fails, naming the case file, FILENAME (the bundle file, for the message) and
    // the chunk, if the blob is missing, a chunk is missing, damaged or forged, or the bytes do not match.
    Status readBlob(
        qint64 blobId, const std::function<Status(QByteArrayView)>& write, const QString& fileName = QString());
    // The same in one pass, for a sink that is private and thrown away unless this succeeds (verify-case writing a
    // bundle into its own temporary directory): bytes reach WRITE before the last of them is checked, so a large blob
    // is decoded and hashed once instead of twice. Returns the bytes' SHA-256 (raw), computed on the way.
    Result<QByteArray> copyBlob(
        qint64 blobId, const std::function<Status(QByteArrayView)>& write, const QString& fileName = QString());

    // Reviewer documents (CaseDocument); the latest version of a (kind, name) is the one in force. Saving content
    // identical to the latest version changes nothing and returns that version.
    Result<CaseDocument> saveDocument(const QString& kind, const QString& name, const QJsonObject& content);
    Result<std::optional<CaseDocument>> latestDocument(const QString& kind, const QString& name = {});
    Result<QList<CaseDocument>> documents(const QString& kind); // latest version of each name, sorted by name

    // Level-of-detail series for one provider and resource class (see SeriesQuery).
    Result<TimeSeries> series(const SeriesQuery& query);
    // Evidence coverage per bucket of LEVEL (Hourly or Daily) over [FROM, TO).
    Result<QList<CoverageBucket>> coverage(const QString& provider, qint64 from, qint64 to, SeriesLevel level);
    // The commitments attested for PROVIDER (empty: all) and RESOURCECLASS (empty: all).
    Result<QList<CommitmentLine>> commitments(const QString& provider, const QString& resourceClass);

private:
    CaseStore() = default;
    Status loadInfo();

    sql::Database m_db;
    CaseInfo m_info;
};

} // namespace capaudit
