// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/importrun.h"

#include "archive/bundlesource.h"
#include "crypto/digest.h"
#include "evidence/bundledigest.h"
#include "evidence/logevidence.h"
#include "ingest/dataquality.h"
#include "ingest/payloadimport.h"
#include "ingest/predicates.h"
#include "store/audittrail.h"
#include "store/blobtee.h"
#include "store/logstore.h"
#include "store/rowwriters.h"
#include "store/samplepipeline.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <QFileInfo>

#include <memory>
#include <vector>

namespace capaudit {

namespace {

class ImportRun {
public:
    ImportRun(sql::Database& db, const BundleSource& source, const Verdict& verdict, const ImportPlan& plan,
        const ImportOptions& options)
        : m_db(db)
        , m_source(source)
        , m_verdict(verdict)
        , m_plan(plan)
        , m_options(options)
        , m_dictionaries(m_db)
        , m_codec(m_db, m_dictionaries)
    {
    }

    // Fills RESULT; a failure leaves the transaction to be rolled back by the caller.
    Status run(ImportResult& result);

private:
    Status storeFile(const QString& relative, const QByteArray& sha256);
    Status importTelemetry(SampleWriter& samples);
    Result<QByteArray> expectedSha(const QString& relative) const;
    Status checkpoint();
    Result<QJsonObject> storeLogHistory(ImportResult& result);
    void report(double fraction, const QString& message) const
    {
        if (m_options.progress)
            m_options.progress(fraction, message);
    }
    RowTarget target();
    Status storeInvoices(RowTarget& rows);

    sql::Database& m_db;
    const BundleSource& m_source;
    const Verdict& m_verdict;
    const ImportPlan& m_plan;
    const ImportOptions& m_options;
    Dictionaries m_dictionaries;
    RowCodec m_codec;
    RowsDigest m_digest;
    qint64 m_bundleId = 0;
    qint64 m_providerId = 0;
    QMap<QString, QByteArray> m_fileSha; // path -> raw SHA-256 of the stored bytes
    QMap<QString, qint64> m_fileBlob;
    // Payload being parsed, for progress: the tee itself when parsed on this thread, else the bytes the parser had
    // read when it handed over the batch being stored.
    QString m_currentPath;
    const BlobTee* m_current = nullptr;
    qint64 m_currentRead = 0;
    qint64 m_payloadBytesDone = 0;
    qint64 m_payloadBytesTotal = 0;
};

RowTarget ImportRun::target()
{
    return RowTarget { m_db, m_dictionaries, m_codec, m_digest, m_bundleId, m_providerId,
        [this] { return checkpoint(); } };
}

Status ImportRun::checkpoint()
{
    if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
        return Error(m_source.path(), QStringLiteral("import cancelled"));
    if (m_options.progress && !m_currentPath.isEmpty() && m_payloadBytesTotal > 0) {
        const qint64 read = m_current ? m_current->consumed() : m_currentRead;
        const double done = double(m_payloadBytesDone + read) / double(m_payloadBytesTotal);
        report(0.1 + 0.85 * std::min(done, 1.0), QStringLiteral("%1: %2 rows").arg(m_currentPath).arg(m_digest.rows()));
    }
    return {};
}

Result<QByteArray> ImportRun::expectedSha(const QString& relative) const
{
    // Subjects were checked against the files by the verifier; their digests spare a second read of large payloads.
    for (const Subject& subject : m_verdict.subjects) {
        if (subject.name == relative && subject.algorithm == u"sha256")
            return QByteArray::fromHex(subject.digestHex.toLatin1());
        if (subject.name == relative && subject.digests.contains(QStringLiteral("sha256")))
            return QByteArray::fromHex(subject.digests.value(QStringLiteral("sha256")).toLatin1());
    }
    return m_source.sha256(relative);
}

Status ImportRun::storeFile(const QString& relative, const QByteArray& sha256)
{
    BlobTee tee(m_db, m_source.absolutePath(relative), relative, sha256);
    if (Status s = tee.start(); !s)
        return s;
    Result<qint64> blob = tee.finish();
    if (!blob)
        return blob.error();
    m_fileSha.insert(relative, sha256);
    m_fileBlob.insert(relative, *blob);
    return {};
}

// The payloads are parsed two at a time (SamplePipeline); everything that touches the case runs here, in payload order.
Status ImportRun::importTelemetry(SampleWriter& samples)
{
    const qsizetype n = m_plan.telemetry.size();
    std::vector<std::unique_ptr<BlobTee>> tees;
    std::vector<SamplePipeline::Job> jobs;
    std::vector<QByteArray> shas;
    for (qsizetype i = 0; i < n; ++i) {
        const TelemetryPayload& payload = m_plan.telemetry[i];
        QByteArray mapping;
        if (!payload.mapping.isEmpty()) {
            // Stored above with the other non-payload files; read again, so it must still be the verified bytes.
            Result<QByteArray> bytes = m_source.readFile(payload.mapping);
            if (!bytes)
                return bytes.error();
            if (crypto::sha256(*bytes) != m_fileSha.value(payload.mapping))
                return Error(payload.mapping, QStringLiteral("changed while it was imported; import the bundle again"));
            mapping = *bytes;
        }
        Result<QByteArray> sha = expectedSha(payload.path);
        if (!sha)
            return sha.error();
        shas.push_back(*sha);
        tees.push_back(std::make_unique<BlobTee>(m_db, m_source.absolutePath(payload.path), payload.path, *sha));
        jobs.push_back({ tees.back().get(), [&payload, mapping](QIODevice& in, UsageSink& sink) {
                            return importTelemetryPayload(payload, in, mapping, sink);
                        } });
    }
    auto storeChunk = [&](qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored) {
        return BlobTee::insertChunk(m_db, blob, chunk, stored);
    };
    auto progress = [&](qint64 bytesRead) { m_currentRead = bytesRead; };
    auto begin = [&](qsizetype i) {
        m_currentPath = m_plan.telemetry[i].path;
        m_currentRead = 0;
        samples.setPayload(i);
    };
    auto end = [&](qsizetype i, qint64 blob) -> Status {
        if (Status s = samples.flush(); !s)
            return s;
        m_currentPath.clear();
        m_payloadBytesDone += tees[size_t(i)]->consumed();
        m_fileSha.insert(m_plan.telemetry[i].path, shas[size_t(i)]);
        m_fileBlob.insert(m_plan.telemetry[i].path, blob);
        return checkpoint();
    };
    const Status s = SamplePipeline::run(jobs, samples, storeChunk, progress, begin, end);
    m_currentPath.clear();
    return s;
}

Result<QJsonObject> ImportRun::storeLogHistory(ImportResult& result)
{
    // Read back and compared with the stored digest: the checkpoint judged is the one the case keeps.
    const auto read = [this](const QString& relative) -> Result<QByteArray> {
        Result<QByteArray> bytes = m_source.readFile(relative);
        if (bytes && crypto::sha256(*bytes) != m_fileSha.value(relative))
            return Error(relative, QStringLiteral("changed while it was imported; import the bundle again"));
        return bytes;
    };
    Result<BundleLogEvidence> evidence = bundleLogEvidence(m_source.files(), read, m_verdict);
    if (!evidence)
        return evidence.error();
    if (evidence->isEmpty())
        return QJsonObject();
    const LogCarrier carrier { m_verdict.bundleDigest, m_source.path(), m_plan.provider, {} };
    Result<QJsonArray> judged = logstore::judgeAtImport(m_db, *evidence, carrier, result.logWarnings);
    if (!judged)
        return judged.error();
    if (Status s = logstore::write(m_db, m_bundleId, *evidence); !s)
        return s.error();
    return QJsonObject { { QStringLiteral("checkpoints"), evidence->checkpoints.size() },
        { QStringLiteral("proofs"), evidence->proofs.size() }, { QStringLiteral("judged"), *judged } };
}

// Invoices are small documents: stored like any other file above, then read back (and checked to be the verified
// bytes) and parsed whole. A PDF rendition is evidence for the reader, never parsed.
Status ImportRun::storeInvoices(RowTarget& rows)
{
    qint64 lineSeq = 0;
    for (qsizetype i = 0; i < m_plan.invoices.size(); ++i) {
        const InvoicePayload& payload = m_plan.invoices[i];
        if (!payload.isXml())
            continue;
        if (!m_fileSha.contains(payload.path))
            return Error(QStringLiteral("statement predicate"), 0, QStringLiteral("payloads"),
                QStringLiteral("payload %1 is not in the bundle").arg(payload.path));
        if (QFileInfo(m_source.absolutePath(payload.path)).size() > EInvoiceLimits {}.maxBytes)
            return Error(payload.path,
                QStringLiteral("an invoice larger than %1 bytes is refused").arg(EInvoiceLimits {}.maxBytes));
        Result<QByteArray> bytes = m_source.readFile(payload.path);
        if (!bytes)
            return bytes.error();
        if (crypto::sha256(*bytes) != m_fileSha.value(payload.path))
            return Error(payload.path, QStringLiteral("changed while it was imported; import the bundle again"));
        Result<EInvoice> invoice = parseEInvoice(*bytes, payload.path);
        if (!invoice)
            return invoice.error();
        Result<qint64> written = writeInvoice(rows, i, lineSeq, payload.path, *invoice);
        if (!written)
            return written.error();
    }
    return {};
}

Status ImportRun::run(ImportResult& result)
{
    Result<qint64> nextId = m_db.queryInt("SELECT coalesce(max(id), 0) + 1 FROM bundles");
    if (!nextId)
        return nextId.error();
    m_bundleId = *nextId;
    Result<qint64> provider = m_dictionaries.provider(m_plan.provider);
    if (!provider)
        return provider.error();
    m_providerId = *provider;

    const QStringList payloads = m_plan.payloadPaths();
    const QStringList files = m_source.files();
    for (const QString& path : payloads) {
        if (!files.contains(path))
            return Error(QStringLiteral("statement predicate"), 0, QStringLiteral("payloads"),
                QStringLiteral("payload %1 is not in the bundle").arg(path));
        m_payloadBytesTotal += QFileInfo(m_source.absolutePath(path)).size();
    }
    report(0.05, QStringLiteral("storing %1 files").arg(files.size()));
    for (const QString& file : files) {
        if (payloads.contains(file))
            continue;
        Result<QByteArray> sha = expectedSha(file);
        if (!sha)
            return sha.error();
        if (Status s = storeFile(file, *sha); !s)
            return s;
    }

    RowTarget rows = target();
    DataQualityLog quality;
    SampleWriter samples(rows);
    BillingWriter billing(rows);
    auto parsePayload = [&](const QString& path, qint64 index, const auto& parse) -> Status {
        Result<QByteArray> sha = expectedSha(path);
        if (!sha)
            return sha.error();
        BlobTee tee(m_db, m_source.absolutePath(path), path, *sha);
        if (Status s = tee.start(); !s)
            return s;
        m_currentPath = path;
        m_currentRead = 0;
        samples.setPayload(index);
        billing.setPayload(index);
        Result<qint64> blob = parse(tee);
        if (blob)
            if (Status s = samples.flush(); !s)
                blob = s.error();
        m_currentPath.clear();
        if (!blob)
            return blob.error();
        m_payloadBytesDone += tee.consumed();
        m_fileSha.insert(path, *sha);
        m_fileBlob.insert(path, *blob);
        return checkpoint();
    };
    if (Status s = importTelemetry(samples); !s)
        return s;
    for (qsizetype i = 0; i < m_plan.billing.size(); ++i) {
        const BillingPayload& payload = m_plan.billing[i];
        if (Status s = parsePayload(payload.path, i,
                [&](BlobTee& tee) -> Result<qint64> {
                    m_current = &tee;
                    const Status parsed = importBillingPayload(payload, tee, billing, &quality);
                    m_current = nullptr;
                    return parsed ? tee.finish() : Result<qint64>(parsed.error());
                });
            !s)
            return s;
    }
    if (m_verdict.kind == BundleKind::Attestation) {
        Result<qint64> written = writeAttestation(rows, m_plan.claims);
        if (!written)
            return written.error();
    }
    if (Status s = storeInvoices(rows); !s)
        return s;

    // The stored files must be exactly the verified bundle: same set, same bytes.
    if (bundleDigest(m_fileSha) != m_verdict.bundleDigest)
        return Error(m_source.path(),
            QStringLiteral("the bundle changed while it was imported (its digest no longer "
                           "matches the verified one); import it again"));
    // A deferred verdict took these digests from the statement: each must be what a BlobTee hashed as it stored the
    // file (implied by the bundle digest above, and stated here because the verdict is only valid with it).
    for (auto it = m_verdict.unconfirmedSha256.cbegin(); it != m_verdict.unconfirmedSha256.cend(); ++it)
        if (m_fileSha.value(it.key()) != it.value())
            return Error(it.key(), QStringLiteral("its bytes were not confirmed against the statement's digest"));
    sql::Statement* fileRow = m_db.prepare("INSERT INTO bundle_files (bundle, path, blob) VALUES (?, ?, ?)");
    if (!fileRow)
        return m_db.lastError();
    for (auto it = m_fileBlob.cbegin(); it != m_fileBlob.cend(); ++it) {
        fileRow->bind(1, m_bundleId).bind(2, it.key()).bind(3, it.value());
        if (Status s = fileRow->exec(); !s)
            return s;
    }

    Result<QJsonObject> logHistory = storeLogHistory(result);
    if (!logHistory)
        return logHistory.error();

    report(0.96, QStringLiteral("writing rollups"));
    samples.rollups().finish();
    if (Status s = samples.rollups().rescanIfNeeded(m_db, m_bundleId); !s)
        return s;
    if (Status s = samples.rollups().write(m_db, m_providerId, m_bundleId); !s)
        return s;
    if (m_verdict.kind == BundleKind::Telemetry) {
        samples.nodeHours().finish();
        if (Status s = samples.nodeHours().write(m_db, m_bundleId); !s)
            return s;
    }

    result.rows = m_digest.rows();
    const QString rowsDigest = m_digest.finish();
    const QString signingTime = m_verdict.signer.signingTime.isValid()
        ? m_verdict.signer.signingTime.toUTC().toString(Qt::ISODateWithMs)
        : QString();
    QJsonObject details { { QStringLiteral("path"), m_source.path() },
        { QStringLiteral("digest"), m_verdict.bundleDigest },
        { QStringLiteral("kind"), bundleKindName(m_verdict.kind) }, { QStringLiteral("provider"), m_plan.provider },
        { QStringLiteral("verdict"), verdictName(m_verdict.verdict) },
        { QStringLiteral("signer"), m_verdict.signer.subject },
        { QStringLiteral("signerFingerprint"), m_verdict.signer.keyFingerprint },
        { QStringLiteral("files"), m_fileBlob.size() }, { QStringLiteral("rows"), result.rows },
        { QStringLiteral("rowsDigest"), rowsDigest } };
    // Non-conformant rows (stored flagged) and header facts, grouped by rule: billing.data-quality reports them.
    if (!quality.isEmpty())
        details.insert(QStringLiteral("dataQuality"), quality.toJson());
    // Recorded in the chained trail, so removing the aggregates behind the app's back is found by verify-case.
    if (m_verdict.kind == BundleKind::Telemetry)
        details.insert(QStringLiteral("nodeHours"), samples.nodeHours().rows().size());
    // What import judged of the bundle's checkpoints against the history stored before it (order-dependent by nature;
    // evidence.log-consistency judges the whole history instead).
    if (!logHistory->isEmpty())
        details.insert(QStringLiteral("tlog"), *logHistory);
    Result<TrailEntry> entry = appendTrailEntry(m_db, QLatin1String(trail::kImport), details);
    if (!entry)
        return entry.error();

    sql::Statement* insert = m_db.prepare(
        "INSERT INTO bundles (id, digest, source_path, kind, provider, meter, verdict, verdict_json, predicate_type, "
        "predicate_json, signer_subject, signer_fingerprint, signer_algorithm, signing_time, period_start, "
        "period_end, resolution, imported_at, import_seq, row_count, rows_digest) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return m_db.lastError();
    insert->bind(1, m_bundleId)
        .bind(2, m_verdict.bundleDigest)
        .bindString(3, m_source.path())
        .bind(4, bundleKindName(m_verdict.kind))
        .bind(5, m_providerId)
        .bind(6, m_plan.meter)
        .bind(7, verdictName(m_verdict.verdict))
        .bindText(8, canonicalJson(m_verdict.toJson()))
        .bindString(9, m_verdict.predicateType)
        .bindText(10, canonicalJson(m_verdict.predicate))
        .bindString(11, m_verdict.signer.subject)
        .bindString(12, m_verdict.signer.keyFingerprint)
        .bindString(13, m_verdict.signer.algorithm)
        .bindString(14, signingTime)
        .bind(18, entry->time)
        .bind(19, entry->seq)
        .bind(20, result.rows)
        .bind(21, rowsDigest);
    if (m_plan.period.end > 0)
        insert->bind(15, m_plan.period.start).bind(16, m_plan.period.end);
    if (m_plan.resolution > 0)
        insert->bind(17, m_plan.resolution);
    if (Status s = insert->exec(); !s)
        return s;
    result.bundleId = m_bundleId;
    result.trailSeq = entry->seq;
    return {};
}

} // namespace

Result<ImportPlan> planImport(const Verdict& verdict)
{
    const QString where = QStringLiteral("statement predicate");
    ImportPlan plan;
    switch (verdict.kind) {
    case BundleKind::Telemetry: {
        Result<TelemetryPredicate> p = parseTelemetryPredicate(verdict.predicate, where);
        if (!p)
            return p.error();
        plan.provider = p->provider;
        plan.meter = p->meter == MeterKind::Independent ? QStringLiteral("independent") : QStringLiteral("provider");
        plan.period = p->period;
        plan.resolution = p->resolutionSeconds;
        plan.telemetry = p->payloads;
        break;
    }
    case BundleKind::Billing: {
        Result<BillingPredicate> p = parseBillingPredicate(verdict.predicate, where);
        if (!p)
            return p.error();
        plan.provider = p->provider;
        plan.period = p->period;
        plan.billing = p->payloads;
        break;
    }
    case BundleKind::Invoice: {
        Result<InvoicePredicate> p = parseInvoicePredicate(verdict.predicate, where);
        if (!p)
            return p.error();
        plan.provider = p->provider;
        plan.period = p->period;
        plan.invoices = p->payloads;
        break;
    }
    case BundleKind::Attestation: {
        Result<AttestationClaims> p = parseAttestationPredicate(verdict.predicate, where);
        if (!p)
            return p.error();
        plan.provider = p->provider;
        plan.period = p->period;
        plan.claims = *p;
        break;
    }
    case BundleKind::Unknown:
        return Error(where, 0, QStringLiteral("predicateType"),
            QStringLiteral("unknown predicate type '%1'").arg(verdict.predicateType));
    }
    if (plan.provider.isEmpty())
        return Error(where, 0, QStringLiteral("/provider"), QStringLiteral("no provider named"));
    return plan;
}

Status storeBundle(sql::Database& db, const BundleSource& source, const Verdict& verdict, const ImportPlan& plan,
    const ImportOptions& options, ImportResult& result)
{
    ImportRun run(db, source, verdict, plan, options);
    return run.run(result);
}

} // namespace capaudit
