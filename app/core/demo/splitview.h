// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/publickey.h"
#include "util/result.h"

#include <QStringList>

namespace capaudit::demo {

// The demo transparency log: its origin, and the ground truth of the log-split-view fault.
inline constexpr auto kDemoLogOrigin = "capaudit.demo/log";

struct SplitViewTruth {
    QStringList bundles; // bundle paths relative to the demo directory, in the order given
    quint64 treeSize = 0; // both checkpoints have this size ...
    QStringList rootHashes; // ... and these different roots (hex), one per bundle
};

// The log-split-view fault (docs/demo.md): logs the envelope of each of the two bundle directories DIRS (relative to
// OUTDIR) and writes its tlog/proof.json, the first in the demo log, the second in a fork of it that shares the first
// entry: both checkpoints are signed by LOGKEY under kDemoLogOrigin with tree size 2, with different roots. Each
// envelope is logged at its statement's signedAt, so the signing time of the bundle does not change.
Result<SplitViewTruth> writeSplitView(const QString& outDir, const QStringList& dirs, const crypto::PrivateKey& logKey);

} // namespace capaudit::demo
