// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/batchimport.h"

#include "archive/archiveformat.h"
#include "store/casestore.h"
#include "store/sqlitedb.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

#include <optional>

namespace capaudit {

namespace {

constexpr int kFolderDepth = 3;

bool isBundleDirectory(const QDir& dir)
{
    // A bundle directory holds its signed envelope at the top (docs/bundle-format.md); a trust store's
    // trusted_root.sigstore.json does not make one.
    return dir.exists(QStringLiteral("envelope.dsse.json")) || dir.exists(QStringLiteral("envelope.sigstore.json"));
}

void collectBundles(const QString& folder, int depth, QStringList& out)
{
    const QFileInfoList entries =
        QDir(folder).entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& e : entries) {
        if (e.isFile() && isArchivePath(e.fileName()))
            out.append(e.absoluteFilePath());
        else if (e.isDir() && isBundleDirectory(QDir(e.absoluteFilePath())))
            out.append(e.absoluteFilePath());
        else if (e.isDir() && !e.isSymLink() && depth > 1)
            collectBundles(e.absoluteFilePath(), depth - 1, out);
    }
}

bool isCancelled(const BatchImportOptions& options)
{
    return options.cancel && options.cancel->load();
}

// After a rollback: what each result means for the case now. FAILED (or -1) is the bundle that stopped the batch,
// which keeps its own outcome and error.
void markRolledBack(BatchImportResult& batch, int failed, const QString& why)
{
    QSet<qint64> undone;
    for (int i = 0; i < batch.results.size(); ++i) {
        ImportResult& r = batch.results[i];
        const bool recorded = r.trailSeq != 0 || r.outcome == ImportOutcome::Imported;
        r.trailSeq = 0; // every trail entry of the batch went with it
        if (i == failed)
            continue;
        if (r.outcome == ImportOutcome::Imported)
            undone.insert(r.bundleId);
        // Present only because an earlier bundle of this batch brought it: gone as well.
        const bool echo = r.outcome == ImportOutcome::AlreadyPresent && undone.contains(r.bundleId);
        if (recorded || echo) {
            r.outcome = ImportOutcome::RolledBack;
            r.bundleId = 0;
            r.error = Error(r.path, QStringLiteral("rolled back: %1").arg(why));
        } else if (r.outcome == ImportOutcome::RolledBack) {
            r.error = Error(r.path, QStringLiteral("not imported: %1").arg(why));
        }
    }
}

} // namespace

bool BatchImportResult::ok() const
{
    for (const ImportResult& r : results)
        if (!r.ok())
            return false;
    return true;
}

QJsonObject BatchImportResult::toJson() const
{
    QJsonArray list;
    for (const ImportResult& r : results)
        list.append(r.toJson());
    QJsonObject json { { QStringLiteral("mode"),
                           commitEach ? QStringLiteral("commit-each") : QStringLiteral("all-or-nothing") },
        { QStringLiteral("rolledBack"), rolledBack }, { QStringLiteral("cancelled"), cancelled },
        { QStringLiteral("results"), list } };
    if (rolledBack)
        json.insert(QStringLiteral("error"), error.toString());
    return json;
}

QStringList expandBundlePaths(const QStringList& paths)
{
    QStringList out;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.isDir() || isBundleDirectory(QDir(path))) {
            out.append(info.absoluteFilePath());
            continue;
        }
        const qsizetype before = out.size();
        collectBundles(info.absoluteFilePath(), kFolderDepth, out);
        if (out.size() == before)
            out.append(info.absoluteFilePath());
    }
    out.removeDuplicates();
    return out;
}

bool stopsBatch(const ImportResult& result)
{
    if (result.outcome == ImportOutcome::Cancelled)
        return true;
    // Without a trail entry a failure is not about the evidence: the path could not be read or the case written.
    return result.outcome == ImportOutcome::Failed && result.trailSeq == 0;
}

BatchImportResult importBundles(CaseStore& store, const QStringList& paths, const BatchImportOptions& options)
{
    BatchImportResult batch;
    batch.commitEach = options.commitEach;
    const QStringList bundles = expandBundlePaths(paths);
    const int count = int(bundles.size());

    // All or nothing: the batch is one transaction and each bundle's own transaction a savepoint inside it, so a
    // bundle that fails still rolls back alone, and the batch can still undo every bundle and trail entry.
    std::optional<sql::Transaction> transaction;
    Status begun;
    if (!options.commitEach) {
        transaction.emplace(store.database());
        begun = transaction->begun();
    }

    CaseImporter importer(store);
    int stoppedAt = -1;
    for (int i = 0; i < count; ++i) {
        const QString& path = bundles.at(i);
        if (options.started)
            options.started(i, count, path);
        ImportResult result;
        result.path = path;
        if (!begun) {
            result.error = begun.error();
        } else if (isCancelled(options)) {
            result.outcome = ImportOutcome::Cancelled;
            result.error = Error(path, QStringLiteral("cancelled before it started"));
        } else if (stoppedAt >= 0) {
            result.outcome = ImportOutcome::RolledBack; // reason set by markRolledBack()
        } else {
            ImportOptions single;
            single.allowUntrusted = options.allowUntrusted;
            single.cancel = options.cancel;
            if (options.progress)
                single.progress = [&options, i, count](double fraction, const QString& message) {
                    options.progress(i, count, fraction, message);
                };
            result = importer.importBundle(path, single);
            if (transaction && stoppedAt < 0 && stopsBatch(result))
                stoppedAt = i;
        }
        if (options.finished)
            options.finished(i, count, result);
        batch.results.append(result);
    }

    batch.cancelled = isCancelled(options);
    if (!transaction)
        return batch;
    Status status = begun;
    if (status && batch.cancelled)
        status = Error(store.database().path(), QStringLiteral("the import was cancelled"));
    else if (status && stoppedAt >= 0) {
        const ImportResult& stopped = batch.results.at(stoppedAt);
        const QString cause = stopped.error.file == stopped.path ? stopped.error.reason : stopped.error.toString();
        status = Error(stopped.path, QStringLiteral("could not be imported: %1").arg(cause));
    } else if (status)
        status = transaction->commit();
    if (status)
        return batch;
    transaction->rollback();
    batch.rolledBack = true;
    batch.error = status.error();
    QString why = batch.error.reason;
    if (batch.cancelled)
        why = QStringLiteral("the import was cancelled");
    else if (stoppedAt >= 0)
        why = QStringLiteral("%1 %2").arg(QFileInfo(batch.error.file).fileName(), batch.error.reason);
    markRolledBack(batch, stoppedAt, why);
    return batch;
}

} // namespace capaudit
