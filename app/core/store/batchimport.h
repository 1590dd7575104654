// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/caseimporter.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <atomic>
#include <functional>

namespace capaudit {

class CaseStore;

struct BatchImportOptions {
    bool allowUntrusted = false;
    // Each bundle is its own transaction (`capaudit-cli import --commit-each`): an error or a cancel undoes only the
    // bundle at hand. By default the whole batch is one transaction, each bundle a savepoint inside it.
    bool commitEach = false;
    // Checked between bundles and between chunks of rows.
    const std::atomic<bool>* cancel = nullptr;
    // Called on the importing thread. COUNT is the number of bundles after folders were expanded, fixed before the
    // first bundle starts.
    std::function<void(int index, int count, const QString& path)> started;
    std::function<void(int index, int count, double fraction, const QString& message)> progress;
    // RESULT as the bundle finished; a later rollback of the batch may still undo it (BatchImportResult::results).
    std::function<void(int index, int count, const ImportResult& result)> finished;
};

struct BatchImportResult {
    // One per bundle, in order, as the case holds them after the batch: after a rollback every bundle that had been
    // imported, rejected or recorded is ImportOutcome::RolledBack (its verdict kept).
    QList<ImportResult> results;
    bool commitEach = false;
    bool rolledBack = false; // nothing of the batch is in the case
    bool cancelled = false; // the cancel flag stopped the batch
    Error error; // why the batch was rolled back
    bool ok() const; // every bundle imported or already present
    QJsonObject toJson() const;
};

// PATHS as bundles: bundle directories and archives stay as they are; any other directory stands for the bundles it
// holds (looked for up to three levels down, in name order). A directory holding none stays, so the importer can say
// what is wrong with it.
QStringList expandBundlePaths(const QStringList& paths);

// Whether RESULT stops an all-or-nothing batch: a cancel, or a failure the case could not even record (an unreadable
// path, the case not writable). A rejected, refused or unparsable bundle is a finding about the evidence: it is
// recorded in the trail like a single import records it, and the batch goes on.
bool stopsBatch(const ImportResult& result);

// Verifies and imports the bundles of PATHS (expanded by expandBundlePaths) into STORE: the one import of the CLI and
// the GUI. All or nothing unless OPTIONS.commitEach: a cancel or a failure that stops the batch rolls back every
// bundle of it and its trail entries, leaving the case exactly as it was.
BatchImportResult importBundles(CaseStore& store, const QStringList& paths, const BatchImportOptions& options = {});

} // namespace capaudit
