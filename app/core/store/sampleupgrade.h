// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <functional>

namespace capaudit {

class CaseStore;

struct SampleUpgrade {
    qint64 bundles = 0; // bundles whose rows were moved
    qint64 samples = 0;
    qint64 blocks = 0;
    bool compacted = true; // the file was rewritten without the freed pages (VACUUM)
};

// Moves the samples of bundles imported before schema 8 (one `samples` row each) into compressed blocks, in one
// transaction with a trail entry "case-upgraded": either every bundle is moved and recorded, or nothing changes.
// Evidence is otherwise never rewritten; this is the one exception, and it is safe because the rows digest recorded
// at each import covers the sample values, not their layout: verify-case re-derives it from the blocks afterwards.
// PROGRESS (optional) gets samples done and the total, and cancels the upgrade by returning false. A bundle whose
// rows are not numbered 0, 1, 2 … (a damaged case) is refused with the gap named; nothing is moved then.
Result<SampleUpgrade> upgradeSampleLayout(
    CaseStore& store, const std::function<bool(qint64 done, qint64 total)>& progress = {});

} // namespace capaudit
