// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/caseimporter.h"

#include "archive/bundlesource.h"
#include "evidence/verifier.h"
#include "store/casestore.h"
#include "store/importrun.h"

#include <QFileInfo>
#include <QJsonArray>

namespace capaudit {

namespace {
QJsonObject errorJson(const Error& error)
{
    QJsonObject json { { QStringLiteral("file"), error.file }, { QStringLiteral("line"), error.line },
        { QStringLiteral("field"), error.field }, { QStringLiteral("reason"), error.reason } };
    if (error.local) // only then, so the entries of every other failure read as before
        json.insert(QStringLiteral("local"), true);
    return json;
}

QJsonArray failedChecks(const Verdict& verdict)
{
    QJsonArray out;
    for (const Check& check : verdict.checks) {
        if (check.status == CheckStatus::Fail)
            out.append(
                QJsonObject { { QStringLiteral("check"), check.id }, { QStringLiteral("reason"), check.reason } });
    }
    return out;
}

// The provider a refused bundle is about: what its statement claims (readable even when the signature is not), else
// the one provider its signer's anchor is scoped to.
QString claimedProvider(const Verdict& verdict)
{
    if (const QJsonValue provider = verdict.predicate.value(QStringLiteral("provider")); provider.isString())
        return provider.toString();
    if (verdict.signer.anchorProviders.size() == 1)
        return verdict.signer.anchorProviders.first();
    return {};
}

Error firstFailure(const ImportResult& r)
{
    if (const Check* failed = r.verdict.firstFailure())
        return Error(r.path, 0, failed->id, failed->reason);
    return Error(r.path, r.verdict.summary());
}

// One import attempt inside its transaction.
} // namespace

QString importOutcomeName(ImportOutcome outcome)
{
    switch (outcome) {
    case ImportOutcome::Imported:
        return QStringLiteral("imported");
    case ImportOutcome::AlreadyPresent:
        return QStringLiteral("already-present");
    case ImportOutcome::Rejected:
        return QStringLiteral("rejected");
    case ImportOutcome::UntrustedRefused:
        return QStringLiteral("untrusted-refused");
    case ImportOutcome::Failed:
        return QStringLiteral("failed");
    case ImportOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case ImportOutcome::RolledBack:
        return QStringLiteral("rolled-back");
    }
    return QStringLiteral("failed");
}

QJsonObject ImportResult::toJson() const
{
    QJsonObject json { { QStringLiteral("path"), path }, { QStringLiteral("outcome"), importOutcomeName(outcome) },
        { QStringLiteral("digest"), digest }, { QStringLiteral("kind"), bundleKindName(kind) },
        { QStringLiteral("provider"), provider }, { QStringLiteral("rows"), rows },
        { QStringLiteral("trailSeq"), trailSeq } };
    if (!verdict.checks.isEmpty())
        json.insert(QStringLiteral("verdict"), verdict.toJson());
    if (!error.reason.isEmpty())
        json.insert(QStringLiteral("error"), errorJson(error));
    if (!logWarnings.isEmpty())
        json.insert(QStringLiteral("logWarnings"), QJsonArray::fromStringList(logWarnings));
    return json;
}

CaseImporter::CaseImporter(CaseStore& store)
    : m_store(store)
{
}

ImportResult CaseImporter::importBundle(const QString& bundlePath, const ImportOptions& options)
{
    if (std::optional<ImportResult> imported = attempt(bundlePath, options, true))
        return *imported;
    std::optional<ImportResult> judged = attempt(bundlePath, options, false);
    Q_ASSERT(judged); // a verification in full always ends the attempt
    return *judged;
}

std::optional<ImportResult> CaseImporter::attempt(const QString& bundlePath, const ImportOptions& options, bool defer)
{
    ImportResult result;
    result.path = bundlePath;
    auto report = [&](double fraction, const QString& message) {
        if (options.progress)
            options.progress(fraction, message);
    };
    auto record = [&](const char* action, QJsonObject details) {
        details.insert(QStringLiteral("path"), bundlePath);
        details.insert(QStringLiteral("digest"), result.digest);
        details.insert(QStringLiteral("kind"), bundleKindName(result.kind));
        // A rejected bundle is never stored, so the trail is the only place its claimed provider survives: the
        // evidence-integrity rule reports the rejection against that provider.
        if (const QJsonValue provider = result.verdict.predicate.value(QStringLiteral("provider")); provider.isString())
            details.insert(QStringLiteral("provider"), provider.toString());
        // ... and the period it claims: the dashboard's coverage strip shows the days a refused bundle would have
        // covered.
        if (const QJsonValue period = result.verdict.predicate.value(QStringLiteral("period")); period.isObject())
            details.insert(QStringLiteral("period"), period);
        if (Result<TrailEntry> e = m_store.appendTrail(QLatin1String(action), details))
            result.trailSeq = e->seq;
        else if (result.error.reason.isEmpty())
            result.error = e.error();
    };

    if (!QFileInfo::exists(bundlePath)) {
        result.error = Error(bundlePath, QStringLiteral("no such file or directory"));
        return result;
    }
    Result<TrustStore> trust = m_store.trustStore();
    if (!trust) {
        result.error = trust.error();
        return result;
    }
    report(0, QStringLiteral("verifying %1").arg(bundlePath));
    BundleVerifier verifier(*trust);
    Result<BundleSource> source = BundleSource::open(bundlePath);
    // A directory's payloads are hashed once, by the reads that store and parse them, instead of once more before:
    // the verdict is then only a plan, held to the bytes by every BlobTee. Any outcome but a clean import is not
    // decided on it (nullopt): the caller verifies again in full. An archive is hashed as it is unpacked anyway.
    defer = defer && source && !source->isArchive();
    verifier.setDeferSubjectDigests(defer);
    // This machine could not unpack the bundle (a full disk, say): nothing is known about its evidence, so it is an
    // import that failed here, not a rejected bundle held against its provider.
    if (!source && source.error().local) {
        result.error = source.error();
        record(trail::kImportFailed, { { QStringLiteral("error"), errorJson(result.error) } });
        return result;
    }
    result.verdict = source ? verifier.verify(*source) : verifier.verify(bundlePath);
    result.digest = result.verdict.bundleDigest;
    result.kind = result.verdict.kind;

    if (!result.digest.isEmpty()) {
        Result<std::optional<StoredBundle>> existing = m_store.bundleByDigest(result.digest);
        if (!existing) {
            result.error = existing.error();
            return result;
        }
        if (existing->has_value()) {
            if (defer)
                return std::nullopt;
            result.outcome = ImportOutcome::AlreadyPresent;
            result.bundleId = (*existing)->id;
            result.provider = (*existing)->provider;
            result.rows = (*existing)->rowCount;
            return result;
        }
    }
    // The same signed statement in a re-encoded envelope (another base64 dialect, a re-encoded ECDSA signature,
    // extra signatures) has another bundle digest but is the same evidence: its subjects fix the payload files'
    // digests, which the verifier checked. Answer "already present" and name the earlier bundle.
    if (source && result.verdict.verdict != VerdictKind::Rejected) {
        Result<std::optional<StoredBundle>> same =
            m_store.bundleByStatement(result.verdict.kind, result.verdict.statementDigest);
        if (!same) {
            result.error = same.error();
            return result;
        }
        if (same->has_value()) {
            if (defer)
                return std::nullopt;
            result.outcome = ImportOutcome::AlreadyPresent;
            result.bundleId = (*same)->id;
            result.provider = (*same)->provider;
            result.rows = (*same)->rowCount;
            result.digest = (*same)->digest; // names the earlier bundle; verdict.bundleDigest stays this one's
            return result;
        }
    }
    if (defer
        && (result.verdict.verdict == VerdictKind::Rejected
            || (result.verdict.verdict == VerdictKind::Untrusted && !options.allowUntrusted)))
        return std::nullopt;
    if (!source || result.verdict.verdict == VerdictKind::Rejected) {
        result.outcome = ImportOutcome::Rejected;
        result.provider = claimedProvider(result.verdict);
        result.error = source ? firstFailure(result) : source.error();
        record(trail::kImportRejected,
            { { QStringLiteral("summary"), result.verdict.summary() },
                { QStringLiteral("reasons"), failedChecks(result.verdict) } });
        return result;
    }
    if (result.verdict.verdict == VerdictKind::Untrusted && !options.allowUntrusted) {
        result.outcome = ImportOutcome::UntrustedRefused;
        result.provider = claimedProvider(result.verdict);
        result.error = firstFailure(result);
        record(trail::kImportRefused,
            { { QStringLiteral("summary"), result.verdict.summary() },
                { QStringLiteral("reasons"), failedChecks(result.verdict) } });
        return result;
    }

    Result<ImportPlan> plan = planImport(result.verdict);
    if (!plan && defer)
        return std::nullopt;
    if (!plan) {
        result.provider = claimedProvider(result.verdict);
        result.error = plan.error();
        record(trail::kImportFailed, { { QStringLiteral("error"), errorJson(result.error) } });
        return result;
    }
    result.provider = plan->provider;

    Status status;
    {
        sql::Transaction transaction(m_store.database());
        status = transaction.begun();
        if (status) {
            // Another process may have imported the same bundle while this one verified it.
            Result<std::optional<StoredBundle>> existing = m_store.bundleByDigest(result.digest);
            if (existing && existing->has_value() && defer)
                return std::nullopt;
            if (existing && existing->has_value()) {
                result.outcome = ImportOutcome::AlreadyPresent;
                result.bundleId = (*existing)->id;
                result.rows = (*existing)->rowCount;
                return result;
            }
            status = storeBundle(m_store.database(), *source, result.verdict, *plan, options, result);
            if (status)
                status = transaction.commit();
        }
        // The transaction rolls back here unless it committed.
    }
    if (status) {
        result.outcome = ImportOutcome::Imported;
        report(1, QStringLiteral("imported %1 rows").arg(result.rows));
        return result;
    }
    result.rows = 0;
    result.bundleId = 0;
    result.trailSeq = 0;
    result.error = status.error();
    if (options.cancel && options.cancel->load()) {
        result.outcome = ImportOutcome::Cancelled;
        return result;
    }
    // Perhaps a payload that never matched its subject digest, or one that failed to parse in a bundle that is
    // rejected anyway: the verdict in full decides. A bundle it refuses is judged by a whole new attempt (which
    // records the refusal); any other failure stays this attempt's, recorded with the digests as hashed.
    if (defer) {
        BundleVerifier full(*trust);
        const Verdict judged = full.verify(*source);
        if (judged.verdict == VerdictKind::Rejected
            || (judged.verdict == VerdictKind::Untrusted && !options.allowUntrusted))
            return std::nullopt;
        result.verdict = judged;
        result.digest = judged.bundleDigest;
    }
    record(trail::kImportFailed, { { QStringLiteral("error"), errorJson(result.error) } });
    return result;
}

} // namespace capaudit
