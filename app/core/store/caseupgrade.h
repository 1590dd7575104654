// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <functional>

namespace capaudit {

class CaseStore;

// What `case upgrade` did.
struct CaseUpgrade {
    qint64 bundles = 0; // bundles whose sample rows were moved into blocks
    qint64 samples = 0;
    qint64 blocks = 0;
    qint64 chunks = 0; // evidence chunks stored raw before schema 7, now compressed
    qint64 chunkBytesBefore = 0; // their stored bytes before and after
    qint64 chunkBytesAfter = 0;
    bool compacted = true; // the file was rewritten without the freed pages (VACUUM)
    bool changed() const
    {
        return samples > 0 || chunks > 0;
    }
};

// Brings a case imported by an older CapAudit to the layout new imports get, in one transaction with a trail entry
// "case-upgraded": the samples of bundles imported before schema 8 (one `samples` row each) move into compressed
// blocks, and evidence chunks stored raw before schema 7 are compressed. Either all of it is done and recorded, or
// nothing changes. Evidence is otherwise never rewritten; this is the one exception, and it is safe because what the
// case proves is computed from values, not from their encoding: the rows digest recorded at each import covers the
// sample values (verify-case re-derives it from the blocks), and a chunk is checked against its blob's SHA-256 however
// it is stored. An edit made before the upgrade is carried over as it is and still caught.
// PROGRESS (optional) gets the samples and chunks done and their total, and cancels the upgrade by returning false.
// A bundle whose rows are not numbered 0, 1, 2 … (a damaged case) is refused with the gap named; nothing changes then.
// After the commit the file is compacted (VACUUM, its temporary copy on disk, not in memory).
Result<CaseUpgrade> upgradeCase(CaseStore& store, const std::function<bool(qint64 done, qint64 total)>& progress = {});

} // namespace capaudit
